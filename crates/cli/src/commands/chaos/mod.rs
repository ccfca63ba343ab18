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
//! Some bill tickets are paid part by card, part by a crypto wallet, the rest in cash
//! (`--split-tickets`): `split_tickets` plans how, `tender_counter` asks the hub's card terminal
//! and wallet gateway, and the controller plays each customer at the sandbox (`customer`):
//! approving, declining, too late, or walking away, with the kills landing while a charge waits
//! too, under the terminal's and the wallet's own weather (`tender_weather`). The verdict then
//! also holds the terminal's captures and the wallet's payments against the journal's card
//! attempts, strays, wallet charges and every ticket's tenders (`tender_journal` reads,
//! `checks::tenders` compares).
//!
//! With `--damage` the controller also damages the journal after some kills (`damage`): the
//! counter must then refuse to start, touching nothing, or start having lost nothing.

mod checks;
mod child;
mod clock;
mod controller;
mod counter;
mod customer;
mod damage;
mod journal;
mod kills;
mod payment_rows;
mod plan;
mod refunds;
mod schedule;
mod split_tickets;
mod tax_counter;
mod tax_journal;
mod tax_tickets;
mod tax_weather;
mod tender_counter;
mod tender_journal;
mod tender_weather;
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
use ventanilla_sandbox::{
    ArkaduConfig, FaultPlan, PennymaticConfig, QuickpayConfig, SaleState, SandboxConfig,
    SandboxHandle, Subscription,
};

use child::{Launch, SplitLink, TaxLink};
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
    /// Bill tickets paid part by card and part by a crypto wallet at the hub's card terminal
    /// and wallet gateway, the rest in cash; each customer approves, declines, is too late or
    /// walks away, as the seed says. At most one per bill ticket. 0: cash only.
    #[arg(long, default_value_t = 0)]
    pub split_tickets: usize,
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
        split: None,
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
    let split_plan = split_tickets::draw(
        args.split_tickets,
        &plan,
        args.pace_ms,
        &mut StdRng::seed_from_u64(args.seed.wrapping_add(6)),
    );
    // One listener for the platform's callbacks, the terminal's captures and the wallet's
    // consents, at the same address through every restart.
    let webhook_bind = SocketAddr::from(([127, 0, 0, 1], free_port()?));
    let split = if split_plan.is_empty() {
        None
    } else {
        let link = SplitLink {
            plan: dir.join("split-plan.txt"),
            webhook_bind,
            // Not from the seed, like the callback secret below.
            card_token: format!("ventanilla-chaos-card-{:032x}", rand::random::<u128>()),
        };
        split_tickets::write(&link.plan, &split_plan)?;
        Some(link)
    };
    let tax = if tax_plan.is_empty() {
        None
    } else {
        let link = TaxLink {
            plan: dir.join("tax-plan.txt"),
            webhook_bind,
            // Not from the seed: two runs at once may end up on one port, and a callback of
            // the other run's platform must be refused (401, sent again), not taken.
            callback_secret: format!("ventanilla-chaos-callback-{:032x}", rand::random::<u128>()),
        };
        tax_tickets::write(&link.plan, &tax_plan)?;
        Some(link)
    };
    // Tax tickets are tickets too: kills land around them as around bills.
    let tickets = plan.len() + tax_plan.len();
    let mut points = kills::draw(
        &mut StdRng::seed_from_u64(args.seed.wrapping_add(1)),
        tickets,
        args.kills,
    );
    if split.is_some() {
        // As many kills aimed at a charge as there are split tickets among the tickets, but
        // one in five at least and three in five at most.
        let (n, d) = (split_plan.len() as u32, plan.len().max(1) as u32);
        let share = if n * 5 < d {
            (1, 5)
        } else if n * 5 > d * 3 {
            (3, 5)
        } else {
            (n, d)
        };
        kills::aim_at_charges(
            &mut points,
            share,
            &mut StdRng::seed_from_u64(args.seed.wrapping_add(7)),
        );
    }
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
                // Captures and consents refused by a dead counter are sent again within a
                // second, to the listener every counter of the run binds.
                quickpay: QuickpayConfig {
                    subscription: split
                        .as_ref()
                        .map(|s| Subscription::new(s.card_webhook_url(), s.card_token.clone())),
                    retry_max: Duration::from_secs(1),
                    ..QuickpayConfig::default()
                },
                pennymatic: PennymaticConfig {
                    retry_max: Duration::from_secs(1),
                    ..PennymaticConfig::default()
                },
                ..SandboxConfig::default()
            },
        )
        .await?,
    );
    clock.say(format!(
        "hub at {}; {} tickets of {} bills, {} tax tickets of {} debts, {} bill tickets split by \
         card and wallet, {} kills, seed {}, data in {}",
        hub.base_url(),
        plan.len(),
        args.payments,
        tax_plan.len(),
        tax_plan.iter().map(|t| t.debts.len()).sum::<usize>(),
        split_plan.len(),
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
        split.is_some(),
    );
    let mut ctl = Controller {
        launch: Launch {
            hub_url: hub.base_url(),
            tax,
            split,
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
        customers: (!split_plan.is_empty()).then(|| {
            customer::Customers::new(
                hub.clone(),
                split_tickets::by_turn(split_plan.clone()),
                clock,
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
    let plans = Plans {
        bills: &plan,
        tax: &tax_plan,
        split: &split_plan,
    };
    verdict(args, &ctl, &hub, &plans, run_problems)
}

/// Everything the counter was asked to take.
struct Plans<'a> {
    bills: &'a [plan::Ticket],
    tax: &'a [tax_tickets::TaxTicket],
    split: &'a [split_tickets::SplitTicket],
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
    plans: &Plans,
    mut run_problems: Vec<String>,
) -> Result<Verdict, Box<dyn std::error::Error>> {
    let (plan, tax_plan) = (plans.bills, plans.tax);
    let path = ctl.launch.data_dir.join("journal.sqlite");
    let local = journal::local_sales(&path)?;
    let paid = journal::tickets(&path)?;
    let ledger = journal::hub_sales(&hub.ledger());
    let split_turns: std::collections::HashSet<usize> =
        plans.split.iter().map(|s| s.turn).collect();
    let planned: Vec<_> = plan
        .iter()
        .enumerate()
        .map(|(turn, t)| {
            let mut p = t.planned();
            // A split ticket's cash is what its card and wallet left: checked with the tenders.
            if split_turns.contains(&turn) {
                p.received = None;
            }
            p
        })
        .collect();
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
    let tenders = (!plans.split.is_empty())
        .then(|| tender_verdict(ctl, hub, plans))
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
        tenders,
    })
}

/// The journal's card and wallet tenders against the terminal's captures and the wallet's
/// payments.
fn tender_verdict(
    ctl: &Controller,
    hub: &SandboxHandle,
    plans: &Plans,
) -> Result<checks::tenders::TenderFindings, String> {
    let path = ctl.launch.data_dir.join("journal.sqlite");
    let planned: Vec<_> = plans.split.iter().map(|s| s.planned(plans.bills)).collect();
    let records = tender_journal::records(&path, hub)?;
    let f = checks::tenders::compare(&planned, &records);
    ctl.clock.say(format!(
        "journal: {} card tender(s), {} card stray(s), {} wallet charge(s); terminal: {} \
         capture(s), {} approved; wallet: {} payment(s)",
        records.cards.len(),
        records.strays.len(),
        records.wallets.len(),
        records.captures.len(),
        records
            .captures
            .iter()
            .filter(|c| c.state == checks::tenders::TerminalState::Approved)
            .count(),
        records.payments.len()
    ));
    Ok(f)
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
