import Link from "next/link";
import { linkClass } from "@/components/ui";

export default function ConsoleNotFound() {
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">This page does not exist, or the domain is not one of your email services.</p>
      <p className="mt-4 text-sm">
        <Link href="/console" className={linkClass}>
          Back to Email Services
        </Link>
      </p>
    </section>
  );
}
