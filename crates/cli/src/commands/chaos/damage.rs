//! `--damage`: the journal damaged between a kill and the restart, the way a disk or a person
//! damages it (a flipped bit, a cut WAL, an emptied or deleted file, a lost head file).
//!
//! The promise under test is not that the counter survives the damage, but that it never
//! carries on having silently lost sales: it either refuses to start, touching none of the
//! journal's files, or it starts and every sale the journal held before the damage is still
//! there at the end. After a refusal the harness puts back the copy it took right after the
//! kill, as a supervisor restoring from a backup would, so the run goes on and the usual
//! no-loss, no-duplicate checks still hold at the end.

use std::collections::{BTreeSet, HashSet};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use super::clock::Clock;
use super::journal;

mod event;
mod files;
mod tally;

pub use event::{End, Event, Outcome};
use files::JOURNAL;
pub use files::{strike, Kind, Snapshot};
pub use tally::{tally, Tally};

/// A counter started on a damaged journal must have refused, or started, within this. A refusal
/// needs no network, only the checks of the journal at start-up.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// A damage done whose first start is still to come.
pub struct Struck {
    event: Event,
    /// The journal right after the kill: what a refusal is followed by.
    backup: Snapshot,
    /// The journal right after the damage: what a refusal must leave as it found.
    damaged: Snapshot,
    /// Planned bills (each distinct) the journal held before the damage.
    bills_before: usize,
}

/// The damage part of a run: when to strike, what, and what came of each.
pub struct Damager {
    /// The counter's data folder.
    dir: PathBuf,
    /// Where the copy taken before each damage is kept, for a post-mortem.
    evidence: PathBuf,
    /// The kill numbers (from 1) that are followed by damage.
    kills: BTreeSet<usize>,
    rng: StdRng,
    /// Kinds still to use in this round: each round uses every kind once, in a seeded order,
    /// so that even a short run sees each of them.
    bag: Vec<Kind>,
    pub events: Vec<Event>,
    pending: Option<Struck>,
}

impl Damager {
    /// `damaged` of the `kills` kills, chosen from `seed`, are followed by damage.
    pub fn new(
        dir: PathBuf,
        evidence: PathBuf,
        seed: u64,
        kills: usize,
        damaged: usize,
    ) -> Damager {
        let mut rng = StdRng::seed_from_u64(seed);
        let kills = rand::seq::index::sample(&mut rng, kills, damaged.min(kills))
            .into_iter()
            .map(|i| i + 1)
            .collect();
        Damager {
            dir,
            evidence,
            kills,
            rng,
            bag: Vec::new(),
            events: Vec::new(),
            pending: None,
        }
    }

    fn next_kind(&mut self) -> Kind {
        if self.bag.is_empty() {
            self.bag = Kind::ALL.to_vec();
            self.bag.shuffle(&mut self.rng);
        }
        self.bag.pop().unwrap_or(Kind::BitFlip)
    }

    /// Called with the counter dead by SIGKILL number `kill`: damages the journal if this kill
    /// is one of those drawn. `Err` only when the harness itself cannot go on.
    pub fn after_kill(&mut self, kill: usize, clock: &Clock) -> Result<(), String> {
        if !self.kills.contains(&kill) {
            return Ok(());
        }
        let number = self.events.len() + 1;
        // The copy is taken only now, with the counter dead: a live one could be mid-write.
        let backup = Snapshot::take(&self.dir)?;
        let copy = self.evidence.join(number.to_string());
        std::fs::create_dir_all(&copy).map_err(|e| format!("{}: {e}", copy.display()))?;
        backup.restore(&copy)?;
        // Read from the copy: opening the journal itself would change its files (a checkpoint)
        // before the damage, and it is what was there that the end must still hold.
        let sales = journal::sales(&copy.join(JOURNAL)).map_err(|e| {
            format!("the journal was not whole after SIGKILL #{kill}, before any damage: {e}")
        })?;
        let bills_before = sales
            .iter()
            .filter_map(|s| s.barcode.as_deref())
            .collect::<HashSet<_>>()
            .len();
        let kind = self.next_kind();
        let what =
            strike(kind, &self.dir, &mut self.rng).map_err(|e| format!("damage #{number}: {e}"))?;
        let damaged = Snapshot::take(&self.dir)?;
        clock.say(format!(
            "damage #{number} after SIGKILL #{kill} ({}): {what}; the journal held {} sale(s)",
            kind.name(),
            sales.len()
        ));
        self.pending = Some(Struck {
            event: Event {
                number,
                kill,
                kind,
                what,
                before: sales
                    .into_iter()
                    .map(|s| s.client_transaction_id.as_str().to_string())
                    .collect(),
                outcome: Outcome::Started,
            },
            backup,
            damaged,
            bills_before,
        });
        Ok(())
    }

    /// The damage the next start must answer, if any (taken: only the first start answers).
    pub fn take_pending(&mut self) -> Option<Struck> {
        self.pending.take()
    }

    /// The counter started on the damaged journal, with `resumed` planned bills in it.
    pub fn started(&mut self, struck: Struck, resumed: usize, clock: &Clock) {
        let e = &struck.event;
        let fewer = struck.bills_before.saturating_sub(resumed);
        clock.say(format!(
            "damage #{}: the counter started on the damaged journal with {resumed} planned \
             bill(s) in it{}; judged at the end",
            e.number,
            if fewer > 0 {
                format!(", {fewer} FEWER than before the damage")
            } else {
                String::new()
            }
        ));
        self.events.push(struck.event);
    }

    /// The counter did not start: `end` says how it ended. Compares the files with right
    /// after the damage, then puts the journal back as it was before it, so the run goes on.
    pub fn ended(&mut self, struck: Struck, end: End, clock: &Clock) -> Result<(), String> {
        let now = Snapshot::take(&self.dir)?;
        let outcome = match end {
            End::Refused { reason, after } => Outcome::Refused {
                reason,
                changed: struck.damaged.changes(&now),
                after,
            },
            End::NoAnswer(how) => Outcome::NoAnswer(how),
        };
        struck.backup.restore(&self.dir)?;
        let e = &struck.event;
        let said = match &outcome {
            Outcome::Refused {
                reason,
                changed,
                after,
            } => format!(
                "refused to start in {:.1} s, {}: {}",
                after.as_secs_f32(),
                if changed.is_empty() {
                    "files untouched".to_string()
                } else {
                    format!("but CHANGED {}", changed.join(", "))
                },
                if reason.is_empty() {
                    "(no error in its log)"
                } else {
                    // The first sentence says what is wrong; the rest is advice to the cashier.
                    reason.split(". ").next().unwrap_or(reason)
                }
            ),
            Outcome::NoAnswer(how) => format!("NO ANSWER: {how}"),
            Outcome::Started => "started".into(),
        };
        clock.say(format!(
            "damage #{}: {said}; journal restored from the copy",
            e.number
        ));
        self.events.push(Event {
            outcome,
            ..struck.event
        });
        Ok(())
    }
}

/// The last `error:` line a counter wrote to the log after byte `from` (its refusal).
pub fn refusal_in_log(log: &Path, from: u64) -> String {
    let mut text = Vec::new();
    let read = std::fs::File::open(log).and_then(|mut f| {
        f.seek(SeekFrom::Start(from))?;
        f.read_to_end(&mut text)
    });
    if read.is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&text)
        .lines()
        .rfind(|l| l.starts_with("error: "))
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::files::{HEAD, SHM, WAL};
    use super::*;

    /// A journal's folder as a killed counter leaves it, with recognisable bytes in each file.
    fn folder(wal: &[u8]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fill = |n: usize, b: u8| (0..n).map(|i| b.wrapping_add(i as u8)).collect::<Vec<_>>();
        std::fs::write(dir.path().join(JOURNAL), fill(8192, 1)).unwrap();
        std::fs::write(dir.path().join(WAL), wal).unwrap();
        std::fs::write(dir.path().join(SHM), fill(32768, 3)).unwrap();
        std::fs::write(dir.path().join(HEAD), fill(320, 4)).unwrap();
        std::fs::write(dir.path().join("journal.lock"), b"pid 1").unwrap();
        dir
    }

    fn bytes(dir: &Path, name: &str) -> Option<Vec<u8>> {
        std::fs::read(dir.join(name)).ok()
    }

    fn differing_bits(a: &[u8], b: &[u8]) -> u32 {
        a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum()
    }

    #[test]
    fn each_damage_does_what_it_says_and_the_copy_puts_the_journal_back() {
        let wal: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        let mut rng = StdRng::seed_from_u64(9);
        for kind in Kind::ALL {
            let dir = folder(&wal);
            let d = dir.path();
            let before = Snapshot::take(d).unwrap();
            let what = strike(kind, d, &mut rng).unwrap();
            let after = Snapshot::take(d).unwrap();
            let changed = before.changes(&after);
            match kind {
                Kind::BitFlip => {
                    let now = bytes(d, WAL).unwrap();
                    assert_eq!(differing_bits(&wal, &now), 1, "{what}");
                    assert_eq!(changed, [format!("{WAL} (same size, other bytes)")]);
                }
                Kind::Truncated => {
                    let now = bytes(d, WAL).unwrap();
                    assert!(now.len() < wal.len() && wal.starts_with(&now), "{what}");
                    assert_eq!(changed.len(), 1, "{changed:?}");
                }
                Kind::Emptied => {
                    assert_eq!(bytes(d, JOURNAL), Some(vec![]));
                    assert_eq!((bytes(d, WAL), bytes(d, SHM)), (None, None));
                    assert!(bytes(d, HEAD).is_some(), "the head file is not the journal");
                }
                Kind::Deleted => {
                    assert_eq!((bytes(d, JOURNAL), bytes(d, WAL)), (None, None));
                    assert_eq!(
                        changed,
                        [
                            format!("{JOURNAL} (8192 bytes -> absent)"),
                            format!("{WAL} (20000 bytes -> absent)"),
                        ]
                    );
                }
                Kind::HeadDeleted => {
                    assert_eq!(bytes(d, HEAD), None);
                    assert_eq!(changed, [format!("{HEAD} (320 bytes -> absent)")]);
                }
            }
            before.restore(d).unwrap();
            assert_eq!(Snapshot::take(d).unwrap(), before, "{kind:?}");
            assert_eq!(
                bytes(d, SHM),
                None,
                "a WAL index of another WAL is not kept"
            );
            assert!(bytes(d, "journal.lock").is_some());
        }
    }

    #[test]
    fn with_an_empty_wal_the_database_file_takes_the_hit() {
        let mut rng = StdRng::seed_from_u64(2);
        let dir = folder(b"");
        let journal = bytes(dir.path(), JOURNAL).unwrap();
        let what = strike(Kind::BitFlip, dir.path(), &mut rng).unwrap();
        assert!(what.contains(JOURNAL), "{what}");
        let now = bytes(dir.path(), JOURNAL).unwrap();
        assert_eq!(differing_bits(&journal, &now), 1);

        let what = strike(Kind::Truncated, dir.path(), &mut rng).unwrap();
        assert!(
            bytes(dir.path(), JOURNAL).unwrap().len() < journal.len(),
            "{what}"
        );
    }

    #[test]
    fn the_drawn_kills_are_distinct_and_every_kind_comes_in_each_round() {
        let mut d = Damager::new("a".into(), "b".into(), 4, 20, 13);
        assert_eq!(d.kills.len(), 13);
        assert!(d.kills.iter().all(|k| (1..=20).contains(k)));
        let again = Damager::new("a".into(), "b".into(), 4, 20, 13);
        assert_eq!(d.kills, again.kills, "the same seed damages the same kills");
        assert_eq!(
            Damager::new("a".into(), "b".into(), 4, 3, 13).kills.len(),
            3
        );
        for _ in 0..3 {
            let round: HashSet<Kind> = (0..Kind::ALL.len()).map(|_| d.next_kind()).collect();
            assert_eq!(round.len(), Kind::ALL.len());
        }
    }

    #[test]
    fn the_refusal_is_read_from_this_start_s_part_of_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("counter.log");
        std::fs::write(&log, "error: an older start\n").unwrap();
        let from = std::fs::metadata(&log).unwrap().len();
        assert_eq!(refusal_in_log(&log, from), "");
        let mut text = std::fs::read_to_string(&log).unwrap();
        text.push_str("WARN something\nerror: Internal: Falta el diario\n");
        std::fs::write(&log, text).unwrap();
        assert_eq!(
            refusal_in_log(&log, from),
            "error: Internal: Falta el diario"
        );
    }

    fn event(number: usize, kind: Kind, before: &[&str], outcome: Outcome) -> Event {
        Event {
            number,
            kill: number,
            kind,
            what: "done".into(),
            before: before.iter().map(|s| s.to_string()).collect(),
            outcome,
        }
    }

    fn refused(reason: &str, changed: &[&str]) -> Outcome {
        Outcome::Refused {
            reason: reason.into(),
            changed: changed.iter().map(|s| s.to_string()).collect(),
            after: Duration::from_millis(40),
        }
    }

    #[test]
    fn refusals_and_harmless_starts_pass_and_are_counted() {
        let events = [
            event(
                1,
                Kind::Deleted,
                &["a"],
                refused("error: Falta el diario", &[]),
            ),
            event(2, Kind::BitFlip, &["a", "b"], Outcome::Started),
            event(
                3,
                Kind::HeadDeleted,
                &["a", "b"],
                refused("error: (journal.chain)", &[]),
            ),
        ];
        let t = tally(
            &events,
            &HashSet::from(["a", "b", "c"]),
            &HashSet::from(["a"]),
        );
        assert_eq!(t.problems, Vec::<String>::new());
        assert_eq!((t.events, t.refused, t.absorbed), (3, 2, 1));
        assert_eq!(
            t.summary(),
            "damage: 3 events, 2 refused, 1 absorbed, 0 silent losses, 0 refusals that changed files"
        );
        assert!(
            t.lines[1].ends_with("absorbed, nothing lost"),
            "{:?}",
            t.lines
        );
    }

    #[test]
    fn a_start_that_lost_a_journaled_sale_is_a_silent_loss() {
        let events = [event(
            1,
            Kind::Truncated,
            &["a", "b", "c"],
            Outcome::Started,
        )];
        let t = tally(&events, &HashSet::from(["a"]), &HashSet::from(["b"]));
        assert_eq!((t.silent_losses, t.absorbed), (1, 0));
        assert_eq!(t.problems.len(), 1);
        assert!(
            t.problems[0].contains("2 of the 3 sale(s) journaled before the damage are gone")
                && t.problems[0].contains("(1 of them approved at the hub): b, c"),
            "{}",
            t.problems[0]
        );
        assert!(t.summary().contains("1 silent losses"));
    }

    #[test]
    fn wrong_refusals_and_starts_without_the_head_file_fail() {
        let events = [
            event(
                1,
                Kind::Emptied,
                &["a"],
                refused("error: x", &["journal.sqlite (0 -> 5 bytes)"]),
            ),
            event(2, Kind::HeadDeleted, &["a"], Outcome::Started),
            event(
                3,
                Kind::HeadDeleted,
                &["a"],
                refused("error: something else", &[]),
            ),
            event(4, Kind::BitFlip, &["a"], refused("", &[])),
            event(5, Kind::BitFlip, &["a"], Outcome::NoAnswer("hung".into())),
        ];
        let t = tally(&events, &HashSet::from(["a"]), &HashSet::new());
        assert_eq!(t.problems.len(), 5, "{:#?}", t.problems);
        assert_eq!(
            (t.refused, t.changed, t.wrong_answers, t.no_answer),
            (3, 1, 3, 1)
        );
        assert!(t.problems[0].contains("the refusal changed journal.sqlite"));
        assert!(t.problems[1].contains("started without journal.chain"));
        assert!(t.problems[2].contains("not for the missing journal.chain"));
        assert!(t
            .summary()
            .ends_with(", 3 wrong answers, 1 without an answer"));
    }
}
