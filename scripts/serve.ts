import "dotenv/config";
import { serve } from "./lib/serve";

await serve({ dev: process.argv.includes("--dev"), prepareOnly: process.argv.includes("--prepare-only") });
