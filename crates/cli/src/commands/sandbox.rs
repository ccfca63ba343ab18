//! `ventanilla sandbox`: serve the gateway simulator until Ctrl-C.

use ventanilla_sandbox::SandboxArgs;

pub async fn run(args: SandboxArgs) -> Result<(), Box<dyn std::error::Error>> {
    // Prints `sandbox listening on http://HOST:PORT`, then serves until Ctrl-C / SIGTERM.
    ventanilla_sandbox::run_forever(args.addr(), args.config()).await?;
    Ok(())
}
