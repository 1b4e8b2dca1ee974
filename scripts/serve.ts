import "./lib/load-env";
import { serve } from "./lib/serve";

await serve({ dev: process.argv.includes("--dev") });
