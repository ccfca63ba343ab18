//! `ventanilla chaos`: proves that killing the counter and breaking the hub neither loses nor
//! doubles a payment, and that every ticket's money balances.
//!
//! This process (the controller) serves the sandbox hub in memory and keeps changing its faults
//! (`weather`). The counter is a child process (`ventanilla chaos counter`, hidden) that works
//! through a seeded plan of tickets of 1 to 4 bills, each paid with one handful of cash (`plan`),
//! and hands back the money of rejected items at seeded moments (`refunds`); the controller
//! SIGKILLs it at seeded moments (`kills`) and restarts it (`controller`). Then the hub is
//! calmed, the counter settles every sale and refund, and the journal is compared with the hub's
//! ledger (`journal` reads, `checks` compares, `verdict` sums up). The last stdout line is the
//! summary; exit status 0 only on PASS.
//!
//! With `--damage` the controller also damages the journal after some kills (`damage`): the
//! counter must then refuse to start, touching nothing, or start having lost nothing.

mod checks;
mod child;
mod clock;
mod controller;
mod counter;
mod damage;
mod journal;
mod kills;
mod payment_rows;
mod plan;
mod refunds;
mod schedule;
mod verdict;
mod weather;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use rand::rngs::StdRng;
use rand::SeedableRng;
use ventanilla_sandbox::{FaultPlan, SaleState, SandboxConfig, SandboxHandle};

use child::Launch;
use clock::Clock;
use controller::Controller;
use verdict::Verdict;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ChaosArgs {
    #[command(subcommand)]
    pub role: Option<Role>,
    /// Bills in the plan (each distinct), grouped into tickets of 1 to 4.
    #[arg(long, default_value_t = 200)]
    pub payments: usize,
    /// SIGKILLs of the counter, spread over the run.
    #[arg(long, default_value_t = 10)]
    pub kills: usize,
    /// Seeds the plan, the kill moments, the hub's faults and its reject draws.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where the journal, plan and counter log go (must not hold a journal yet). Default: a new
    /// temporary folder, removed after a PASS.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// A fault rule (sandbox spec, e.g. `pay:http_status=400,http_body=json,after_commit`) in
    /// force on top of the random ones all through the chaos; repeatable. For reproducing a
    /// problem, or showing that the checks catch one.
    #[arg(long = "fault", value_name = "SPEC")]
    pub faults: Vec<String>,
    /// Mean pause before a customer's first bill is scanned at the counter, in milliseconds
    /// (half that between the bills of one ticket).
    #[arg(long, default_value_t = 100)]
    pub pace_ms: u64,
    /// Give up (FAIL) if the whole run takes longer.
    #[arg(long, default_value_t = 900)]
    pub max_secs: u64,
    /// Damage the journal after some kills (a flipped bit, a cut WAL, an emptied or deleted
    /// file, a deleted head file): the counter must refuse to start, or start having lost
    /// nothing.
    #[arg(long)]
    pub damage: bool,
    /// With --damage: how many of the kills are followed by damage. Default: two in three.
    #[arg(long, requires = "damage")]
    pub damage_kills: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum Role {
    /// The counter process the harness starts and kills (internal).
    #[command(hide = true)]
    Counter(counter::CounterArgs),
}

pub async fn run(args: ChaosArgs) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(Role::Counter(counter)) = args.role {
        return counter::run(counter).await;
    }
    let (dir, temporary) = match &args.data_dir {
        Some(d) => (d.clone(), false),
        None => (
            std::env::temp_dir().join(format!(
                "ventanilla-chaos-{}-{}",
                args.seed,
                std::process::id()
            )),
            true,
        ),
    };
    let verdict = chaos(&args, &dir).await?;
    for problem in verdict.problems() {
        println!("problem: {problem}");
    }
    let passed = verdict.passed();
    if !passed {
        println!("evidence kept in {}", dir.display());
    } else if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }
    println!("{}", verdict.summary());
    if passed {
        Ok(())
    } else {
        Err("the chaos run failed".into())
    }
}

async fn chaos(
    args: &ChaosArgs,
    dir: &std::path::Path,
) -> Result<Verdict, Box<dyn std::error::Error>> {
    let clock = Clock::start();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(args.max_secs);
    let launch = Launch {
        exe: std::env::current_exe()?,
        hub_url: String::new(),
        data_dir: dir.join("counter"),
        plan: dir.join("plan.txt"),
        log: dir.join("counter.log"),
    };
    if launch.data_dir.join("journal.sqlite").exists() {
        return Err(format!("{} already holds a journal", launch.data_dir.display()).into());
    }
    std::fs::create_dir_all(&launch.data_dir)?;

    let extra = FaultPlan::parse_specs(&args.faults)?;
    let plan = plan::draw(
        args.payments,
        args.pace_ms,
        &mut StdRng::seed_from_u64(args.seed),
    )?;
    plan::write(&launch.plan, &plan)?;
    let points = kills::draw(
        &mut StdRng::seed_from_u64(args.seed.wrapping_add(1)),
        plan.len(),
        args.kills,
    );
    let hub = Arc::new(
        ventanilla_sandbox::spawn(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            SandboxConfig {
                seed: args.seed,
                ..SandboxConfig::default()
            },
        )
        .await?,
    );
    clock.say(format!(
        "hub at {}; {} tickets of {} bills, {} kills, seed {}, data in {}",
        hub.base_url(),
        plan.len(),
        args.payments,
        args.kills,
        args.seed,
        dir.display()
    ));

    let weather = weather::Weather::start(hub.clone(), args.seed.wrapping_add(2), extra, clock);
    let mut ctl = Controller {
        launch: Launch {
            hub_url: hub.base_url(),
            ..launch
        },
        deadline,
        clock,
        tickets: plan.len(),
        calm: weather.calm(),
        starts: 0,
        kills: 0,
        damage: args.damage.then(|| {
            damage::Damager::new(
                dir.join("counter"),
                dir.join("damage"),
                args.seed.wrapping_add(3),
                args.kills,
                args.damage_kills.unwrap_or((args.kills * 2).div_ceil(3)),
            )
        }),
    };
    let mut run_problems = Vec::new();
    let chaos = ctl.chaos(points).await;
    let periods = weather.stop().await;
    clock.say(format!(
        "plan done: {} counter start(s), {} kill(s), {periods} fault period(s); hub calm, settling",
        ctl.starts, ctl.kills
    ));
    match chaos {
        Ok(()) => {
            if let Err(e) = ctl.settle().await {
                run_problems.push(e);
            }
        }
        Err(e) => run_problems.push(e),
    }
    if ctl.kills < args.kills {
        run_problems.push(format!("only {} of {} kills landed", ctl.kills, args.kills));
    }
    wait_for_hub(&hub).await;
    verdict(args, &ctl, &hub, &plan, run_problems)
}

/// Lets the hub's pending sales reach their final state (a `pending_secs` fault lasts seconds).
async fn wait_for_hub(hub: &SandboxHandle) {
    for _ in 0..100 {
        if hub.ledger().iter().all(|e| e.state != SaleState::Pending) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn verdict(
    args: &ChaosArgs,
    ctl: &Controller,
    hub: &SandboxHandle,
    plan: &[plan::Ticket],
    mut run_problems: Vec<String>,
) -> Result<Verdict, Box<dyn std::error::Error>> {
    let path = ctl.launch.data_dir.join("journal.sqlite");
    let local = journal::local_sales(&path)?;
    let paid = journal::tickets(&path)?;
    let ledger = journal::hub_sales(&hub.ledger());
    let planned: Vec<_> = plan.iter().map(plan::Ticket::planned).collect();
    let findings = checks::compare(&planned, &local, &paid, &ledger);
    let damage = ctl.damage.as_ref().map(|d| {
        let journaled = local
            .iter()
            .map(|s| s.client_transaction_id.as_str())
            .collect();
        let approved = ledger
            .iter()
            .filter(|h| h.state == checks::HubState::Approved)
            .map(|h| h.client_transaction_id.as_str())
            .collect();
        let tally = damage::tally(&d.events, &journaled, &approved);
        for line in &tally.lines {
            ctl.clock.say(line);
        }
        tally
    });
    if findings.never_taken > 0 {
        // Fine for a counter killed before a commit, but the last counter should have taken it.
        run_problems.push(format!(
            "{} planned ticket(s) never taken",
            findings.never_taken
        ));
    }
    let unreceipted = journal::sales(&path)?
        .iter()
        .filter(|s| s.state.phase_name() == "approved" && !s.has_receipt)
        .count();
    ctl.clock.say(format!(
        "journal: {} ticket(s), {} refund(s) confirmed, {} sale(s), {} approved ({unreceipted} \
         still without receipt); hub: {} sale(s), {} approved",
        paid.len(),
        findings.refunds,
        local.len(),
        local
            .iter()
            .filter(|s| s.phase == checks::LocalPhase::Approved)
            .count(),
        ledger.len(),
        ledger
            .iter()
            .filter(|s| s.state == checks::HubState::Approved)
            .count(),
    ));
    Ok(Verdict {
        tickets: plan.len(),
        bills: args.payments,
        kills: ctl.kills,
        currency: journal::currency(&path),
        findings,
        run_problems,
        integrity: journal::integrity(&path),
        damage,
    })
}
