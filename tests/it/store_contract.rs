//! The storage contract, written once as story tests and run against every engine (after
//! Atuin's "one story, every backend"): each story calls the `store` functions directly on
//! `fresh_db()` — SQLite, or PostgreSQL when `QATYSU_TEST_DATABASE_URL` is set; CI runs both —
//! with records made by the builders of `support` (no demo seed, no raw SQL) at a fixed time.

use crate::support::{
    collecting_initiative, fingerprint, fixed_now, next_iin, pb_cycle, resident, territory_tree,
    user_with_role, PbCycle, Person,
};
use chrono::{DateTime, Days, Duration, Utc};
use domain::initiatives::Status;
use domain::pb::{Channel, Stage};
use domain::Role;
use store::initiatives::{NewPaperRow, NewSignature, SheetOutcome, SignOutcome};
use store::pb::ballots::{self, Cast, NewBallot, Published};
use store::pb::paper::{
    self, BatchEntry, EntryOutcome, LineStatus, PaperRow, ResolveOutcome, Summary,
};
use store::Db;
use uuid::Uuid;

fn online(cycle: Uuid, voter: &Person, choices: &[Uuid], receipt: &str) -> NewBallot {
    NewBallot {
        cycle_id: cycle,
        person_hash: voter.person_hash.clone(),
        voter_id: Some(voter.id),
        channel: Channel::Web,
        entered_by: None,
        choices: choices.to_vec(),
        receipt: receipt.into(),
    }
}

/// The stored signatures of an initiative, checked against its counter.
async fn signatures(db: &Db, id: Uuid) -> i64 {
    let stored = store::initiatives::count_signatures(db, id)
        .await
        .expect("count");
    let counter = store::initiatives::get(db, id)
        .await
        .expect("get")
        .expect("initiative")
        .signatures;
    assert_eq!(stored, counter, "the counter matches the stored signatures");
    counter
}

/// What reaching the threshold at `now` records: the answer due 30 days later, officials
/// notified (the use case decides these with the domain's rules).
fn reach(now: DateTime<Utc>) -> store::initiatives::OnThreshold {
    store::initiatives::OnThreshold {
        consider_due: now + Duration::days(30),
        answering: Role::Official,
    }
}

async fn sheet(
    db: &Db,
    id: Uuid,
    no: &str,
    by: Uuid,
    rows: &[NewPaperRow],
    now: DateTime<Utc>,
) -> SheetOutcome {
    store::initiatives::enter_sheet(db, id, no, by, rows, &reach(now), now)
        .await
        .expect("enter sheet")
}

/// One entry of the batch `Көркем-1` of `cycle`.
fn entry<'a>(cycle: &'a PbCycle, by: Uuid, village: Uuid, rows: &'a [PaperRow]) -> BatchEntry<'a> {
    BatchEntry {
        cycle: cycle.id,
        label: "Көркем-1",
        village,
        by,
        rows,
        proposals: &cycle.admitted,
    }
}

#[tokio::test]
async fn ballots_are_one_per_person_with_a_receipt_counts_and_a_published_result() {
    let t = crate::support::fresh_db().await;
    let db = &t.db;
    let now = fixed_now();
    let tree = territory_tree(db, "21", 2).await;
    let coordinator = user_with_role(db, &tree.villages[0], Role::Coordinator, &tree.okrug).await;
    let cycle = pb_cycle(db, &tree, coordinator.id, 2026, Stage::Voting, 3, now).await;
    let [p1, p2, p3] = cycle.admitted[..] else {
        panic!("three admitted proposals, got {:?}", cycle.admitted);
    };
    let alice = resident(db, &tree.villages[0], domain::Level::InPerson).await;
    let bob = resident(db, &tree.villages[1], domain::Level::InPerson).await;

    // One ballot per person: a second one writes nothing and answers with the first receipt.
    let first = ballots::cast(
        db,
        &online(cycle.id, &alice, &[p1, p2], "ALICE-1"),
        crate::support::ballot_seal(),
        false,
        fixed_now(),
    )
    .await
    .expect("cast");
    assert_eq!(
        first,
        Cast::New {
            receipt: "ALICE-1".into()
        }
    );
    let again = ballots::cast(
        db,
        &online(cycle.id, &alice, &[p3], "ALICE-2"),
        crate::support::ballot_seal(),
        false,
        fixed_now(),
    )
    .await
    .expect("cast again");
    assert_eq!(
        again,
        Cast::AlreadyVoted {
            receipt: "ALICE-1".into()
        }
    );
    let bobs = ballots::cast(
        db,
        &online(cycle.id, &bob, &[p2], "BOB-1"),
        crate::support::ballot_seal(),
        false,
        fixed_now(),
    )
    .await
    .expect("cast");
    assert_eq!(
        bobs,
        Cast::New {
            receipt: "BOB-1".into()
        }
    );

    // Ten simultaneous ballots of one person end as one ballot, whoever wins.
    let carol = resident(db, &tree.villages[1], domain::Level::InPerson).await;
    let racing = (0..10).map(|i| {
        let (db, b) = (
            db.clone(),
            online(cycle.id, &carol, &[p3], &format!("CAROL-{i}")),
        );
        tokio::spawn(async move {
            ballots::cast(&db, &b, crate::support::ballot_seal(), false, fixed_now()).await
        })
    });
    let outcomes: Vec<Cast> = futures_util::future::join_all(racing)
        .await
        .into_iter()
        .map(|r| r.expect("task").expect("cast"))
        .collect();
    let won: Vec<&String> = outcomes
        .iter()
        .filter_map(|c| match c {
            Cast::New { receipt } => Some(receipt),
            _ => None,
        })
        .collect();
    assert_eq!(won.len(), 1, "exactly one of ten concurrent ballots is new");
    let carol_receipt = won[0].clone();
    assert!(
        outcomes.iter().all(|c| matches!(c,
            Cast::New { receipt } | Cast::AlreadyVoted { receipt } if *receipt == carol_receipt)),
        "the others see the winner's receipt: {outcomes:?}"
    );

    // Receipts: the voter's own, and what a code proves.
    assert_eq!(
        ballots::receipt_of(
            db,
            crate::support::ballot_seal(),
            cycle.id,
            &alice.person_hash
        )
        .await
        .expect("receipt"),
        Some("ALICE-1".into())
    );
    assert_eq!(
        ballots::receipt_of(
            db,
            crate::support::ballot_seal(),
            cycle.id,
            &fingerprint(&next_iin())
        )
        .await
        .expect("receipt"),
        None
    );
    let proof = ballots::check_receipt(db, cycle.id, "ALICE-1")
        .await
        .expect("check")
        .expect("a known receipt");
    assert_eq!((proof.channel, proof.choices), (Channel::Web, 2));
    assert!(ballots::check_receipt(db, cycle.id, "ALICE-2")
        .await
        .expect("check")
        .is_none());

    // A cycle that allows changes replaces the ballot and keeps its receipt.
    let changed = ballots::cast(
        db,
        &online(cycle.id, &alice, &[p3], "ALICE-3"),
        crate::support::ballot_seal(),
        true,
        fixed_now(),
    )
    .await
    .expect("change");
    assert_eq!(
        changed,
        Cast::Replaced {
            receipt: "ALICE-1".into()
        }
    );

    // What the count reads: votes per proposal, ballots per channel, every ballot.
    let counts = ballots::counts(db, cycle.id).await.expect("counts");
    assert_eq!(
        (counts.get(&p1), counts.get(&p2), counts.get(&p3)),
        (None, Some(&1), Some(&2))
    );
    assert_eq!(
        ballots::turnout(db, cycle.id).await.expect("turnout"),
        [(Channel::Web, 3)]
    );
    let mut all = ballots::all(db, cycle.id).await.expect("all ballots");
    all.sort();
    let mut want = vec![vec![p2], vec![p3], vec![p3]];
    want.sort();
    assert_eq!(all, want);

    // Many at once (paper imports): a person who voted already is skipped.
    let dave = resident(db, &tree.villages[0], domain::Level::InPerson).await;
    let batch = [
        online(cycle.id, &bob, &[p1], "BOB-2"),
        online(cycle.id, &dave, &[p1], "DAVE-1"),
    ];
    assert_eq!(
        ballots::cast_many(db, &batch, crate::support::ballot_seal(), fixed_now())
            .await
            .expect("cast many"),
        1
    );
    assert_eq!(
        ballots::all(db, cycle.id).await.expect("all").len(),
        4,
        "bob still has one ballot"
    );

    // Publishing stores the result as given; publishing again replaces it.
    assert_eq!(ballots::published(db, cycle.id).await.expect("read"), None);
    let result = Published {
        rule: "greedy".into(),
        budget_tiyn: 2_000_000_000,
        selected: vec![p3, p2],
        ballots: 4,
        computed_at: now,
        detail: None,
        ballots_pb: None,
    };
    ballots::publish(db, cycle.id, &result)
        .await
        .expect("publish");
    assert_eq!(
        ballots::published(db, cycle.id).await.expect("read"),
        Some(result.clone())
    );
    let recomputed = Published {
        selected: vec![p3],
        computed_at: now + Duration::hours(1),
        ..result
    };
    ballots::publish(db, cycle.id, &recomputed)
        .await
        .expect("publish again");
    assert_eq!(
        ballots::published(db, cycle.id).await.expect("read"),
        Some(recomputed)
    );
}

#[tokio::test]
async fn signatures_are_one_per_person_and_the_threshold_moves_the_initiative() {
    let t = crate::support::fresh_db().await;
    let db = &t.db;
    let now = fixed_now();
    let tree = territory_tree(db, "22", 2).await;
    let village = &tree.villages[0];
    let author = resident(db, village, domain::Level::InPerson).await;
    let first = user_with_role(db, village, Role::Coordinator, &tree.okrug).await;
    let second = user_with_role(db, &tree.villages[1], Role::Coordinator, &tree.okrug).await;
    let id = collecting_initiative(db, &tree.okrug, author.id, first.id, 4, now).await;
    let sign = |p: &Person| NewSignature {
        person_hash: p.person_hash.clone(),
        user_id: Some(p.id),
        village_id: village.id,
        paper: false,
    };

    // Once per person online; a signature taken back can be given again.
    let ann = resident(db, village, domain::Level::InPerson).await;
    let signed = store::initiatives::sign(db, id, &sign(&ann), &reach(now), now)
        .await
        .expect("sign");
    assert_eq!(signed, SignOutcome::Signed { reached: false });
    let twice = store::initiatives::sign(db, id, &sign(&ann), &reach(now), now)
        .await
        .expect("sign again");
    assert_eq!(twice, SignOutcome::AlreadySigned);
    assert_eq!(signatures(db, id).await, 1);
    let theirs = store::initiatives::signature_of(db, id, &ann.person_hash)
        .await
        .expect("signature")
        .expect("ann signed");
    assert_eq!(
        (theirs.channel.as_str(), theirs.duplicate_flag),
        ("online", false)
    );
    assert_eq!(theirs.signed_at, now);
    store::initiatives::withdraw(db, id, &ann.person_hash)
        .await
        .expect("store")
        .expect("withdrawn while collecting");
    assert_eq!(signatures(db, id).await, 0);
    assert!(store::initiatives::withdraw(db, id, &ann.person_hash)
        .await
        .expect("store")
        .is_err());
    store::initiatives::sign(db, id, &sign(&ann), &reach(now), now)
        .await
        .expect("sign once more");
    assert_eq!(signatures(db, id).await, 1);

    // A paper sheet typed twice: rows both coordinators typed alike count; ann, who signed
    // online too, is flagged and counted once; a row typed differently counts for nobody.
    let paper = |hash: Vec<u8>| NewPaperRow {
        name: "Қағаз Қолтаңба".into(),
        person_hash: hash,
        village_id: village.id,
        signed_on: now.date_naive(),
    };
    let (ben, cat) = (fingerprint(&next_iin()), fingerprint(&next_iin()));
    let typed_first = [
        paper(ben.clone()),
        paper(ann.person_hash.clone()),
        paper(cat.clone()),
    ];
    let mut typed_second = typed_first.clone();
    typed_second[2].signed_on = now.date_naive() - Days::new(1);
    let s1 = |by, rows| sheet(db, id, "S-1", by, rows, now);
    assert_eq!(
        s1(first.id, &typed_first).await,
        SheetOutcome::AwaitingSecond
    );
    assert_eq!(
        s1(first.id, &typed_first).await,
        SheetOutcome::SameCoordinator
    );
    assert_eq!(
        s1(second.id, &typed_second).await,
        SheetOutcome::Compared {
            accepted: 1,
            flagged: 1,
            mismatched: vec![3],
            not_counted: 0
        }
    );
    assert_eq!(
        s1(second.id, &typed_second).await,
        SheetOutcome::AlreadyDone
    );
    assert_eq!(signatures(db, id).await, 2);
    let anns = store::initiatives::signature_of(db, id, &ann.person_hash)
        .await
        .expect("signature")
        .expect("ann signed");
    assert_eq!(
        (anns.channel.as_str(), anns.duplicate_flag),
        ("online", true)
    );
    let bens = store::initiatives::signature_of(db, id, &ben)
        .await
        .expect("signature")
        .expect("ben signed on paper");
    assert_eq!(bens.channel, domain::initiatives::Channel::Paper);
    assert!(store::initiatives::signature_of(db, id, &cat)
        .await
        .expect("signature")
        .is_none());

    // The signature that reaches the threshold moves the initiative to "must be considered",
    // with the answer due `consider_days` later; online signing then stops.
    let dan = resident(db, village, domain::Level::InPerson).await;
    assert_eq!(
        store::initiatives::sign(db, id, &sign(&dan), &reach(now), now)
            .await
            .expect("sign"),
        SignOutcome::Signed { reached: false }
    );
    let eve = resident(db, village, domain::Level::InPerson).await;
    let later = now + Duration::days(3);
    assert_eq!(
        store::initiatives::sign(db, id, &sign(&eve), &reach(later), later)
            .await
            .expect("sign"),
        SignOutcome::Signed { reached: true }
    );
    let reached = store::initiatives::get(db, id)
        .await
        .expect("get")
        .expect("initiative");
    assert_eq!(reached.status, Status::MustConsider);
    assert_eq!(reached.signatures, 4);
    assert_eq!(reached.consider_due, Some(later + Duration::days(30)));
    let fay = resident(db, village, domain::Level::InPerson).await;
    assert_eq!(
        store::initiatives::sign(db, id, &sign(&fay), &reach(later), later)
            .await
            .expect("sign"),
        SignOutcome::NotCollecting
    );
    assert!(store::initiatives::signature_of(db, id, &fay.person_hash)
        .await
        .expect("signature")
        .is_none());
    assert_eq!(signatures(db, id).await, 4);
    assert!(
        store::initiatives::withdraw(db, id, &dan.person_hash)
            .await
            .expect("store")
            .is_err(),
        "no withdrawing once the threshold is reached"
    );

    // A sheet signed during collection still counts after the threshold was reached.
    let late = [paper(fingerprint(&next_iin()))];
    assert_eq!(
        sheet(db, id, "S-2", first.id, &late, later).await,
        SheetOutcome::AwaitingSecond
    );
    assert_eq!(
        sheet(db, id, "S-2", second.id, &late, later).await,
        SheetOutcome::Compared {
            accepted: 1,
            flagged: 0,
            mismatched: vec![],
            not_counted: 0
        }
    );
    assert_eq!(signatures(db, id).await, 5);
    let history: Vec<String> = store::initiatives::history(db, id)
        .await
        .expect("history")
        .into_iter()
        .map(|h| h.kind)
        .collect();
    assert_eq!(history, ["submitted", "published", "threshold"]);
}

#[tokio::test]
async fn paper_batches_are_typed_twice_compared_and_settled() {
    let t = crate::support::fresh_db().await;
    let db = &t.db;
    let now = fixed_now();
    let tree = territory_tree(db, "23", 2).await;
    let (v1, v2) = (&tree.villages[0], &tree.villages[1]);
    let first = user_with_role(db, v1, Role::Coordinator, &tree.okrug).await;
    let second = user_with_role(db, v2, Role::Coordinator, &tree.okrug).await;
    let cycle = pb_cycle(db, &tree, first.id, 2026, Stage::Voting, 3, now).await;
    let [p1, p2, p3] = cycle.admitted[..] else {
        panic!("three admitted proposals, got {:?}", cycle.admitted);
    };

    // Someone who votes online before the paper ballots are typed in.
    let early = resident(db, v1, domain::Level::InPerson).await;
    let cast = ballots::cast(
        db,
        &online(cycle.id, &early, &[p3], "EARLY-1"),
        crate::support::ballot_seal(),
        false,
        fixed_now(),
    )
    .await
    .expect("cast");
    assert_eq!(
        cast,
        Cast::New {
            receipt: "EARLY-1".into()
        }
    );

    let row = |no: &str, person: &domain::Iin, choices: &[u32]| PaperRow {
        ballot_no: no.into(),
        person_hash: fingerprint(person),
        choices: choices.to_vec(),
    };
    let (ann, cat) = (next_iin(), next_iin());
    let early_row = PaperRow {
        ballot_no: "2".into(),
        person_hash: early.person_hash.clone(),
        choices: vec![1],
    };
    // 1 agrees; 2 agrees but its person voted online; 3 and 4 differ (4 is ann again).
    let typed_first = vec![
        row("1", &ann, &[1, 2]),
        early_row.clone(),
        row("3", &cat, &[1]),
        row("4", &ann, &[3]),
    ];
    let typed_second = vec![
        row("1", &ann, &[1, 2]),
        early_row,
        row("3", &cat, &[2]),
        row("4", &ann, &[1]),
    ];

    let waiting = paper::enter(
        db,
        &entry(&cycle, first.id, v1.id, &typed_first),
        crate::support::ballot_seal(),
        fixed_now(),
    )
    .await
    .expect("first entry");
    let EntryOutcome::AwaitingSecond { batch } = waiting else {
        panic!("the first entry waits, got {waiting:?}");
    };
    assert_eq!(
        paper::enter(
            db,
            &entry(&cycle, first.id, v1.id, &typed_second),
            crate::support::ballot_seal(),
            fixed_now()
        )
        .await
        .expect("same coordinator"),
        EntryOutcome::SameCoordinator
    );
    assert_eq!(
        paper::enter(
            db,
            &entry(&cycle, second.id, v2.id, &typed_second),
            crate::support::ballot_seal(),
            fixed_now()
        )
        .await
        .expect("other village"),
        EntryOutcome::OtherVillage
    );
    assert!(
        ballots::all(db, cycle.id).await.expect("all").len() == 1,
        "refused entries record nothing"
    );
    assert_eq!(
        paper::enter(
            db,
            &entry(&cycle, second.id, v1.id, &typed_second),
            crate::support::ballot_seal(),
            fixed_now()
        )
        .await
        .expect("second entry"),
        EntryOutcome::Compared {
            batch,
            summary: Summary {
                accepted: 1,
                flagged: 1,
                mismatched: 2
            }
        }
    );
    assert_eq!(
        paper::enter(
            db,
            &entry(&cycle, second.id, v1.id, &typed_second),
            crate::support::ballot_seal(),
            fixed_now()
        )
        .await
        .expect("third entry"),
        EntryOutcome::AlreadyCompared { batch }
    );

    // The agreeing row is a paper ballot of the village, with a paper receipt.
    let anns = fingerprint(&ann);
    let receipt = ballots::receipt_of(db, crate::support::ballot_seal(), cycle.id, &anns)
        .await
        .expect("receipt")
        .expect("ann's paper ballot");
    assert!(receipt.starts_with('P'), "a paper receipt: {receipt}");
    let proof = ballots::check_receipt(db, cycle.id, &receipt)
        .await
        .expect("check")
        .expect("known");
    assert_eq!((proof.channel, proof.choices), (Channel::Paper, 2));
    let villages = store::pb::envelope::ballots_with_villages(db, cycle.id)
        .await
        .expect("villages");
    let mut anns_choices = vec![p1, p2];
    anns_choices.sort();
    assert!(
        villages
            .iter()
            .any(|(choices, village)| *choices == anns_choices && *village == Some(v1.id)),
        "the paper ballot carries its village"
    );
    // The online voter's paper ballot is flagged, not counted: p1 has ann's vote only.
    let counts = ballots::counts(db, cycle.id).await.expect("counts");
    assert_eq!(
        (counts.get(&p1), counts.get(&p2), counts.get(&p3)),
        (Some(&1), Some(&1), Some(&1))
    );
    let flags = paper::flags(db, cycle.id).await.expect("flags");
    assert_eq!(flags.len(), 1);
    assert_eq!(
        (flags[0].batch_label.as_str(), flags[0].ballot_no.as_str()),
        ("Көркем-1", "2")
    );
    let stored = paper::batch(db, batch)
        .await
        .expect("batch")
        .expect("known");
    assert_eq!(
        (stored.accepted, stored.flagged, stored.mismatched),
        (1, 1, 2)
    );
    assert_eq!(
        (stored.first_by, stored.second_by),
        (first.id, Some(second.id))
    );
    assert!(stored.compared_at.is_some());
    assert_eq!(
        paper::batches(db, cycle.id).await.expect("batches").len(),
        1
    );
    let lines = paper::lines(db, batch).await.expect("lines");
    let status = |no: &str| {
        lines
            .iter()
            .find(|l| l.ballot_no == no)
            .map(|l| l.status)
            .expect("line")
    };
    assert_eq!(
        ["1", "2", "3", "4"].map(status),
        [
            LineStatus::Accepted,
            LineStatus::Flagged,
            LineStatus::Mismatch,
            LineStatus::Mismatch
        ]
    );
    let three = lines.iter().find(|l| l.ballot_no == "3").expect("line 3");
    assert_eq!(three.first.as_ref().map(|t| &t.row), Some(&typed_first[2]));
    assert_eq!(
        three.second.as_ref().map(|t| &t.row),
        Some(&typed_second[2])
    );
    assert_eq!(three.settled_by, None);
    let two = lines.iter().find(|l| l.ballot_no == "2").expect("line 2");
    assert_eq!(
        two.counted_channel,
        Some(Channel::Web),
        "the online ballot counts"
    );

    // Settling: a reading that agrees with neither entry settles nothing; one that agrees
    // with an entry another account typed becomes a ballot (or a flag, for a person counted
    // already), one that agrees only with the settler's own entry does not (H1); a settled or
    // unknown line is not pending.
    let resolve_by = |typed: PaperRow, on: Uuid, by: Uuid| {
        let proposals = cycle.admitted.clone();
        async move {
            paper::resolve(
                db,
                on,
                &typed,
                by,
                &proposals,
                crate::support::ballot_seal(),
                fixed_now(),
            )
            .await
            .expect("resolve")
        }
    };
    let resolve = |typed: PaperRow, on: Uuid| resolve_by(typed, on, second.id);
    assert_eq!(
        resolve(row("3", &cat, &[3]), batch).await,
        ResolveOutcome::NoMatch
    );
    assert_eq!(
        resolve(typed_second[2].clone(), batch).await,
        ResolveOutcome::OwnVersion,
        "the second typist cannot confirm their own version"
    );
    assert_eq!(
        resolve_by(typed_second[2].clone(), batch, first.id).await,
        ResolveOutcome::Accepted
    );
    assert_eq!(
        resolve(typed_second[2].clone(), batch).await,
        ResolveOutcome::NotPending
    );
    assert_eq!(
        resolve(typed_first[3].clone(), batch).await,
        ResolveOutcome::Flagged
    );
    assert_eq!(
        resolve(row("99", &cat, &[1]), batch).await,
        ResolveOutcome::NotPending
    );
    assert_eq!(
        resolve(typed_first[0].clone(), batch).await,
        ResolveOutcome::NotPending,
        "an accepted line is not pending"
    );
    assert_eq!(
        resolve(row("3", &cat, &[2]), store::new_id()).await,
        ResolveOutcome::NotPending,
        "an unknown batch"
    );

    let counts = ballots::counts(db, cycle.id).await.expect("counts");
    assert_eq!(
        (counts.get(&p1), counts.get(&p2), counts.get(&p3)),
        (Some(&1), Some(&2), Some(&1)),
        "cat's settled ballot counts for p2; ann's second paper ballot does not count"
    );
    assert_eq!(
        ballots::turnout(db, cycle.id).await.expect("turnout"),
        [(Channel::Paper, 2), (Channel::Web, 1)]
    );
    let flags = paper::flags(db, cycle.id).await.expect("flags");
    assert_eq!(flags.len(), 2);
    assert!(
        flags.iter().any(|f| f.ballot_no == "4"),
        "ann's second paper ballot is flagged"
    );
    let lines = paper::lines(db, batch).await.expect("lines");
    let four = lines.iter().find(|l| l.ballot_no == "4").expect("line 4");
    assert_eq!(four.counted_channel, Some(Channel::Paper));
    assert!(four.settled_by.is_some(), "who settled it is kept");
    let stored = paper::batch(db, batch)
        .await
        .expect("batch")
        .expect("known");
    assert_eq!(
        (stored.accepted, stored.flagged, stored.mismatched),
        (2, 2, 0)
    );
    // Settled, the batch keeps its ballot numbers and choices but no person (security review
    // L5); while rows waited, their persons were there to match (line 3 above).
    assert!(
        lines
            .iter()
            .all(|l| [&l.first, &l.second].into_iter().flatten().all(|t| t
                .row
                .person_hash
                .is_empty()
                && !t.row.choices.is_empty())),
        "a settled batch keeps no person"
    );
}

/// The builders reach the states they promise, on every engine.
#[tokio::test]
async fn builders_reach_the_states_they_promise() {
    let t = crate::support::fresh_db().await;
    let db = &t.db;
    let now = fixed_now();
    let tree = territory_tree(db, "24", 3).await;
    let path: Vec<&str> = tree.villages[2].path.iter().map(|k| k.as_str()).collect();
    assert_eq!(path, ["472400000", "472410000", "472410300"]);
    assert_eq!(tree.district.kind, domain::TerritoryKind::District);
    assert_eq!(tree.okrug.parent_id, Some(tree.district.id));

    let unverified = resident(db, &tree.villages[1], domain::Level::SelfDeclared).await;
    let contact = domain::Contact::parse(&unverified.contact).expect("contact");
    let (user, _) = store::accounts::credentials(db, &contact)
        .await
        .expect("credentials")
        .expect("the account logs in with its contact");
    assert_eq!(
        (user.residence_id, user.level),
        (tree.villages[1].id, domain::Level::SelfDeclared)
    );
    let coordinator = user_with_role(db, &tree.villages[0], Role::Coordinator, &tree.okrug).await;
    let roles: Vec<(Role, Option<String>)> = store::accounts::roles_of(db, coordinator.id)
        .await
        .expect("roles")
        .into_iter()
        .map(|r| (r.grant.role, r.grant.territory.map(|k| k.to_string())))
        .collect();
    assert_eq!(
        roles,
        [
            (Role::Resident, Some("472410100".into())),
            (Role::Coordinator, Some("472410000".into()))
        ]
    );

    for (i, stage) in Stage::ALL.into_iter().enumerate() {
        let cycle = pb_cycle(db, &tree, coordinator.id, 2030 + i as i32, stage, 2, now).await;
        let stored = store::pb::get(db, cycle.id)
            .await
            .expect("get")
            .expect("cycle");
        assert_eq!(stored.stage, stage);
        let want = if stage > Stage::Review { 2 } else { 0 };
        assert_eq!(cycle.admitted.len(), want, "{stage:?}");
        let today = now.date_naive();
        let s = &stored.schedule;
        let inside = match stage {
            Stage::Collection => s.collection_start <= today && today <= s.collection_end,
            Stage::Review | Stage::Revision => s.collection_end < today && today <= s.review_end,
            Stage::Discussion => s.review_end < today && today <= s.discussion_end,
            Stage::Voting => s.voting_start <= today && today <= s.voting_end,
            _ => s.voting_end < today,
        };
        assert!(inside, "{stage:?}: {today} lies outside its dates {s:?}");
        let published = ballots::published(db, cycle.id).await.expect("published");
        assert_eq!(published.is_some(), stage >= Stage::Results, "{stage:?}");
    }
    let open = pb_cycle(db, &tree, coordinator.id, 2040, Stage::Review, 1, now).await;
    let extra = crate::support::admitted_proposal(
        db,
        open.id,
        &tree.villages[1],
        coordinator.id,
        "Қосымша жоба",
    )
    .await;
    let p = store::pb::proposals::get(db, extra)
        .await
        .expect("get")
        .expect("proposal");
    assert_eq!(
        (p.status, p.village_id),
        (domain::pb::ProposalStatus::Admitted, tree.villages[1].id)
    );

    let author = resident(db, &tree.villages[0], domain::Level::InPerson).await;
    let id = collecting_initiative(db, &tree.okrug, author.id, coordinator.id, 10, now).await;
    let i = store::initiatives::get(db, id)
        .await
        .expect("get")
        .expect("initiative");
    assert_eq!(
        (i.status, i.required, i.published_at),
        (Status::Collecting, Some(10), Some(now))
    );
}
