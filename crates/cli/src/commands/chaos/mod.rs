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
//! Some customers pay taxes instead (`--tax-tickets`): an order of a fixture taxpayer's debts
//! at the hub's tax platform, paid in cash as its own ticket (`tax_tickets` plans them,
//! `tax_counter` takes them), reported through the outbox and settled by callbacks to the
//! counter's listener, under the platform's own weather (`tax_weather`). The verdict then also
//! holds the journal's tax orders against the platform's (`tax_journal` reads, `checks::tax`
//! compares).
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
mod tax_counter;
mod tax_journal;
mod tax_tickets;
mod tax_weather;
mod typed_amount;
mod verdict;
mod weather;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Subcommand};
use rand::rngs::StdRng;
use rand::SeedableRng;
use ventanilla_sandbox::{ArkaduConfig, FaultPlan, SaleState, SandboxConfig, SandboxHandle};

use child::{Launch, TaxLink};
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
    /// Tax tickets among the bill tickets: each an order of 1 to 3 debts of one of the tax
    /// platform's fixture taxpayers, paid in cash. Each debt is paid at most once and the
    /// fixtures hold 15, so asking for more plans fewer. 0: bills only.
    #[arg(long, default_value_t = 5)]
    pub tax_tickets: usize,
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
        tax: None,
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
    let tax_plan = tax_tickets::draw(
        args.tax_tickets,
        plan.len(),
        args.pace_ms,
        &mut StdRng::seed_from_u64(args.seed.wrapping_add(4)),
    );
    let tax = if tax_plan.is_empty() {
        None
    } else {
        let link = TaxLink {
            plan: dir.join("tax-plan.txt"),
            webhook_bind: SocketAddr::from(([127, 0, 0, 1], free_port()?)),
            // Not from the seed: two runs at once may end up on one port, and a callback of
            // the other run's platform must be refused (401, sent again), not taken.
            callback_secret: format!("ventanilla-chaos-callback-{:032x}", rand::random::<u128>()),
        };
        tax_tickets::write(&link.plan, &tax_plan)?;
        Some(link)
    };
    // Tax tickets are tickets too: kills land around them as around bills.
    let tickets = plan.len() + tax_plan.len();
    let points = kills::draw(
        &mut StdRng::seed_from_u64(args.seed.wrapping_add(1)),
        tickets,
        args.kills,
    );
    let hub = Arc::new(
        ventanilla_sandbox::spawn(
            SocketAddr::from(([127, 0, 0, 1], 0)),
            SandboxConfig {
                seed: args.seed,
                arkadu: ArkaduConfig {
                    // Compressed like every other wait: orders live seconds, not hours, and a
                    // callback refused by a dead counter is tried again within a second.
                    order_ttl: tax_counter::ORDER_TTL,
                    callback_url: tax.as_ref().map(TaxLink::callback_url),
                    retry_max: Duration::from_secs(1),
                    ..ArkaduConfig::default()
                },
                ..SandboxConfig::default()
            },
        )
        .await?,
    );
    clock.say(format!(
        "hub at {}; {} tickets of {} bills, {} tax tickets of {} debts, {} kills, seed {}, \
         data in {}",
        hub.base_url(),
        plan.len(),
        args.payments,
        tax_plan.len(),
        tax_plan.iter().map(|t| t.debts.len()).sum::<usize>(),
        args.kills,
        args.seed,
        dir.display()
    ));

    let weather = weather::Weather::start(
        hub.clone(),
        args.seed.wrapping_add(2),
        extra,
        clock,
        tax.is_some(),
    );
    let mut ctl = Controller {
        launch: Launch {
            hub_url: hub.base_url(),
            tax,
            ..launch
        },
        deadline,
        clock,
        tickets,
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
    verdict(args, &ctl, &hub, &plan, &tax_plan, run_problems)
}

/// A port free now, for the counters' webhook listener: every counter of the run binds it, for
/// the platform keeps calling the URL it was given.
fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind(("127.0.0.1", 0))?
        .local_addr()?
        .port())
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
    tax_plan: &[tax_tickets::TaxTicket],
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
    let tax = (!tax_plan.is_empty())
        .then(|| tax_verdict(ctl, hub, tax_plan, &mut run_problems))
        .transpose()?;
    Ok(Verdict {
        tickets: plan.len(),
        bills: args.payments,
        kills: ctl.kills,
        currency: journal::currency(&path),
        findings,
        run_problems,
        integrity: journal::integrity(&path),
        damage,
        tax,
    })
}

/// The journal's tax orders and tickets against the platform's orders.
fn tax_verdict(
    ctl: &Controller,
    hub: &SandboxHandle,
    tax_plan: &[tax_tickets::TaxTicket],
    run_problems: &mut Vec<String>,
) -> Result<(checks::tax::TaxFindings, String), String> {
    let path = ctl.launch.data_dir.join("journal.sqlite");
    let planned: Vec<_> = tax_plan
        .iter()
        .map(tax_tickets::TaxTicket::planned)
        .collect();
    let local = tax_journal::local_orders(&path)?;
    let tickets = tax_journal::tickets(&path)?;
    let platform = tax_journal::platform_orders(&hub.tax_orders());
    let f = checks::tax::compare(&planned, &local, &tickets, &platform);
    if f.never_taken > 0 {
        run_problems.push(format!(
            "{} planned tax ticket(s) never taken",
            f.never_taken
        ));
    }
    ctl.clock.say(format!(
        "journal: {} tax ticket(s), {} tax order(s) paid, {} refund(s) confirmed; platform: {} \
         order(s), {} reported, {} never paid (canceled or left to expire)",
        f.tickets,
        f.paid,
        f.refunds,
        platform.len(),
        f.reported,
        f.unpaid
    ));
    Ok((f, tax_tickets::CURRENCY.iso().to_string()))
}
