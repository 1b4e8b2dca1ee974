-- The cloud console's Reset Secure Mobile (issue 14): the code sent to the postmaster's new number.
ALTER TYPE "VerificationPurpose" ADD VALUE 'CONSOLE_MOBILE_RESET';
