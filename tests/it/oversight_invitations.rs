//! Separation of duties (security review M5): seats on a cycle's expert council and monitoring
//! group are taken by accepting an invitation on the account page, and nobody holds two of
//! {coordinator of the cycle's territory, council member, group member} for one cycle.

use crate::support::civic::{demo_account, finished_cycle, take_seat};
use crate::support::{
    accept_invitation, demo_tree, pb_cycle, resident, user_with_role, Client, TestApp,
};
use domain::pb::Stage;
use domain::Role;
use reqwest::StatusCode;
use uuid::Uuid;

const COORDINATOR: &str = "coordinator@demo.qatysu.kz";
const EXPERT: &str = "expert@demo.qatysu.kz";

/// A cycle of the demo okrug (Alakol, the demo coordinator's) in review, with one proposal.
async fn cycle_in_review(app: &TestApp) -> (Uuid, Uuid) {
    let tree = demo_tree(&app.db).await;
    let coordinator = demo_account(&app.db, Role::Coordinator).await;
    let cy = pb_cycle(
        &app.db,
        &tree,
        coordinator,
        2036,
        Stage::Review,
        1,
        app.clock.now(),
    )
    .await;
    let proposal = store::pb::proposals::of_cycle(&app.db, cy.id)
        .await
        .expect("proposals")
        .into_iter()
        .next()
        .expect("a proposal")
        .id;
    (cy.id, proposal)
}

/// `c` invites `contact` to the council of `cycle` (civil society).
async fn invite_to_council(c: &Client, cycle: Uuid, contact: &str) -> crate::support::Page {
    let council = format!("/pb/{cycle}/council");
    c.submit(
        &format!("{council}?lang=en"),
        &format!("{council}?lang=en"),
        &[("contact", contact), ("civil_society", "on")],
    )
    .await
}

/// `c` records the group of `cycle` and invites `contact` to it.
async fn invite_to_group(c: &Client, cycle: Uuid, contact: &str) -> crate::support::Page {
    let group = format!("/pb/{cycle}/monitoring");
    c.submit(
        &format!("{group}?lang=en"),
        &format!("{group}?lang=en"),
        &[
            ("elected_on", "2026-05-10"),
            ("gathering", "Ауылдық округ жиыны, № 3 хаттама"),
            ("contact", contact),
        ],
    )
    .await
}

/// `c` writes a conclusion on `proposal`; the answer's status.
async fn conclude(c: &Client, proposal: Uuid) -> StatusCode {
    let page = format!("/pb/proposals/{proposal}");
    let token = c.get("/account").await.csrf();
    c.post(
        &format!("{page}/conclusion"),
        &[
            ("csrf", token.as_str()),
            ("legal", "on"),
            ("feasible", "on"),
            ("comment", "Смета шынайы."),
        ],
    )
    .await
    .status
}

/// `c` signs the acceptance of `project`; the answer's status.
async fn sign(c: &Client, project: Uuid) -> StatusCode {
    let token = c.get("/account").await.csrf();
    c.post(
        &format!("/projects/{project}/acceptance"),
        &[
            ("csrf", token.as_str()),
            ("verdict", "accepted"),
            ("remarks", ""),
        ],
    )
    .await
    .status
}

async fn council_seats(app: &TestApp, cycle: Uuid) -> usize {
    store::pb::review::members(&app.db, cycle)
        .await
        .expect("members")
        .len()
}

/// Security review M5: the coordinator who added themselves to the council got the expert
/// role and concluded on what they then decided. Inviting yourself is refused — to the council
/// and to the monitoring group, for coordinators and administrators alike — and nothing is
/// written.
#[tokio::test]
async fn a_coordinator_cannot_invite_themselves() {
    let app = TestApp::with_people().await;
    let (cycle, proposal) = cycle_in_review(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let res = invite_to_council(&coordinator, cycle, COORDINATOR).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.has("You cannot invite yourself."));
    let res = invite_to_group(&coordinator, cycle, COORDINATOR).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.has("You cannot invite yourself."));
    assert_eq!(council_seats(&app, cycle).await, 0);
    assert!(coordinator
        .get("/account")
        .await
        .invitation_ids()
        .is_empty());
    assert_eq!(
        conclude(&coordinator, proposal).await,
        StatusCode::FORBIDDEN
    );
    let account = coordinator.get("/account?lang=en").await;
    assert!(
        !account.has("expert council member"),
        "no role came with it"
    );
    // Administrators are not exempt.
    let admin = app.login_as(Role::Admin).await;
    let res = invite_to_council(&admin, cycle, "admin@demo.qatysu.kz").await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert_eq!(council_seats(&app, cycle).await, 0);
}

/// Security review M5: a coordinator could add another coordinator of the territory (or an
/// administrator). Anyone whose grant runs the cycle — a coordinator on its okrug or above it,
/// an administrator — is refused; a coordinator of another okrug may sit on this council.
#[tokio::test]
async fn a_coordinator_of_the_territory_cannot_be_invited() {
    let app = TestApp::with_people().await;
    let (cycle, _) = cycle_in_review(&app).await;
    let tree = demo_tree(&app.db).await;
    let village = &tree.villages[0];
    let above = user_with_role(&app.db, village, Role::Coordinator, &tree.district).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    for contact in [above.contact.as_str(), "admin@demo.qatysu.kz"] {
        let res = invite_to_council(&coordinator, cycle, contact).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{contact}: {}", res.body);
        assert!(res.has("(or an administrator) cannot also sit on its expert council"));
        let res = invite_to_group(&coordinator, cycle, contact).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{contact}: {}", res.body);
    }
    let elsewhere =
        store::territories::by_kato(&app.db, &domain::Kato::parse("114441000").expect("kato"))
            .await
            .expect("read")
            .expect("another okrug");
    let other = user_with_role(&app.db, village, Role::Coordinator, &elsewhere).await;
    let res = invite_to_council(&coordinator, cycle, &other.contact).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let c = app.login(&other).await;
    accept_invitation(&c).await;
    assert_eq!(council_seats(&app, cycle).await, 1);
}

/// Security review M5: adding a member granted the role at once. An invited person has no
/// power until they accept on their account page (the council's pages count them only then);
/// a declined invitation gives nothing either.
#[tokio::test]
async fn an_invited_person_has_no_power_until_they_accept() {
    let app = TestApp::with_people().await;
    let (cycle, proposal) = cycle_in_review(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let res = invite_to_council(&coordinator, cycle, EXPERT).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.location(),
        format!("/pb/{cycle}/council?ok=pb-council-invited")
    );
    let council = coordinator
        .get(&format!("/pb/{cycle}/council?lang=en"))
        .await;
    assert!(council.has("0 members") && council.has("Invited, no answer yet"));
    assert!(
        !app.client()
            .get(&format!("/pb/{cycle}/council?lang=en"))
            .await
            .has("Invited, no answer yet"),
        "who was invited is not public"
    );

    let expert = app.login_as(Role::Expert).await;
    assert_eq!(conclude(&expert, proposal).await, StatusCode::FORBIDDEN);
    let page = expert.get(&format!("/pb/proposals/{proposal}")).await;
    assert!(
        !page.has("/conclusion\""),
        "no conclusion form before accepting"
    );
    let account = expert.get("/account?lang=en").await;
    assert!(account.has("Invitation to the expert council") && account.has("Accept"));
    accept_invitation(&expert).await;
    let account = expert.get("/account?lang=en").await;
    assert!(account.invitation_ids().is_empty());
    assert!(account.has("expert council member — Participation budget 2036"));
    assert_eq!(conclude(&expert, proposal).await, StatusCode::SEE_OTHER);
    assert_eq!(council_seats(&app, cycle).await, 1);

    // Declining: no seat, the invitation is gone; answering it again is not found.
    let res = invite_to_council(&coordinator, cycle, "deputy@demo.qatysu.kz").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let deputy = app.login_as(Role::Deputy).await;
    let account = deputy.get("/account").await;
    let ids = account.invitation_ids();
    assert_eq!(ids.len(), 1);
    let decline = format!("/account/invitations/{}/decline", ids[0]);
    let res = deputy.post(&decline, &[("csrf", &account.csrf())]).await;
    assert_eq!(res.location(), "/account?ok=oversight-declined#invitations");
    assert_eq!(conclude(&deputy, proposal).await, StatusCode::FORBIDDEN);
    let again = format!("/account/invitations/{}/accept", ids[0]);
    let res = deputy.post(&again, &[("csrf", &account.csrf())]).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(council_seats(&app, cycle).await, 1);
}

/// Security review M5, the monitoring group: adding a member granted the monitor role, and a
/// monitor signs the acceptance of works. The invited member signs only once they accept.
#[tokio::test]
async fn an_invited_group_member_signs_only_after_accepting() {
    let app = TestApp::with_people().await;
    let tree = demo_tree(&app.db).await;
    let coordinator = demo_account(&app.db, Role::Coordinator).await;
    let cy = finished_cycle(&app.db, &tree, coordinator, 1, 0, app.clock.now()).await;
    let project = cy.funded[0];
    let member = resident(&app.db, &tree.villages[0], domain::Level::InPerson).await;
    let c = app.login_as(Role::Coordinator).await;
    let res = invite_to_group(&c, cy.id, &member.contact).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.location(),
        format!("/pb/{}/monitoring?ok=projects-group-invited", cy.id)
    );
    let m = app.login(&member).await;
    assert_eq!(sign(&m, project).await, StatusCode::FORBIDDEN);
    accept_invitation(&m).await;
    assert_eq!(sign(&m, project).await, StatusCode::SEE_OTHER);
}

/// Security review M5: the check is made again when the person accepts. An invitee who
/// became a coordinator of the territory meanwhile cannot accept (the invitation waits; they
/// may decline it), and neither can a member of the cycle's other body.
#[tokio::test]
async fn accepting_is_refused_to_whoever_took_another_duty_meanwhile() {
    let app = TestApp::with_people().await;
    let (cycle, proposal) = cycle_in_review(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let res = invite_to_council(&coordinator, cycle, EXPERT).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // The administrator makes the expert a coordinator of the district meanwhile.
    let admin = app.login_as(Role::Admin).await;
    let roles = "/territories/114400000/roles";
    let res = admin
        .submit(
            roles,
            roles,
            &[("contact", EXPERT), ("role", "coordinator")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let expert = app.login_as(Role::Expert).await;
    let account = expert.get("/account").await;
    let ids = account.invitation_ids();
    assert_eq!(ids.len(), 1);
    let accept = format!("/account/invitations/{}/accept?lang=en", ids[0]);
    let res = expert.post(&accept, &[("csrf", &account.csrf())]).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.has("(or an administrator) cannot also sit on its expert council"));
    assert_eq!(res.invitation_ids(), ids, "the invitation still waits");
    assert_eq!(council_seats(&app, cycle).await, 0);
    assert_eq!(conclude(&expert, proposal).await, StatusCode::FORBIDDEN);

    // A seat on the group, taken while the council's invitation waited, refuses the council.
    let deputy_id = demo_account(&app.db, Role::Deputy).await;
    let res = invite_to_council(&coordinator, cycle, "deputy@demo.qatysu.kz").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = invite_to_group(&coordinator, cycle, "deputy@demo.qatysu.kz").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let deputy = app.login_as(Role::Deputy).await;
    let account = deputy.get("/account").await;
    let ids = account.invitation_ids();
    assert_eq!(ids.len(), 2, "one to the council, one to the group");
    let group = store::oversight::invitations::addressed_to(&app.db, deputy_id)
        .await
        .expect("invitations")
        .into_iter()
        .find(|i| i.body == domain::access::Body::MonitoringGroup)
        .expect("the group's invitation");
    let res = deputy
        .post(
            &format!("/account/invitations/{}/accept", group.id),
            &[("csrf", &account.csrf())],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let council = ids
        .iter()
        .find(|id| **id != group.id.to_string())
        .expect("the council's invitation");
    let res = deputy
        .post(
            &format!("/account/invitations/{council}/accept?lang=en"),
            &[("csrf", &account.csrf())],
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
    assert!(res.has("monitoring group cannot also sit on its expert council."));
    assert_eq!(council_seats(&app, cycle).await, 0);
    // …and the group's member cannot be invited to the council any more.
    let res = invite_to_council(&coordinator, cycle, "deputy@demo.qatysu.kz").await;
    assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.body);
}

/// Security review M5, old data: expert and monitor grants give nothing (release 0.1 stored
/// one with every seat; migration 0020 removes them and none is granted any more), and a seat
/// held together with a coordinator grant — recorded before this rule, or granted after the
/// seat — gives no power either.
#[tokio::test]
async fn grants_give_no_seat_and_a_seat_with_another_duty_gives_nothing() {
    let app = TestApp::with_people().await;
    let (cycle, proposal) = cycle_in_review(&app).await;
    let tree = demo_tree(&app.db).await;
    let village = &tree.villages[0];
    let granted = user_with_role(&app.db, village, Role::Expert, &tree.okrug).await;
    let c = app.login(&granted).await;
    assert_eq!(conclude(&c, proposal).await, StatusCode::FORBIDDEN);

    // A seat taken first, a coordinator grant after it (as release 0.1 allowed).
    let seated = resident(&app.db, village, domain::Level::InPerson).await;
    let coordinator = demo_account(&app.db, Role::Coordinator).await;
    let now = app.clock.now();
    store::pb::review::invite_member(&app.db, cycle, seated.id, true, coordinator, now)
        .await
        .expect("invite");
    take_seat(&app.db, cycle, seated.id, now).await;
    let c = app.login(&seated).await;
    assert_eq!(conclude(&c, proposal).await, StatusCode::SEE_OTHER);
    store::accounts::grant(
        &app.db,
        seated.id,
        Role::Coordinator,
        Some(tree.okrug.id),
        now,
    )
    .await
    .expect("grant");
    assert_eq!(conclude(&c, proposal).await, StatusCode::FORBIDDEN);

    // Nobody grants the expert or monitor role any more.
    let admin = app.login_as(Role::Admin).await;
    let roles = "/territories/114435000/roles";
    let form = admin.get(&format!("{roles}?lang=en")).await;
    assert!(!form.has("value=\"expert\"") && !form.has("value=\"monitor\""));
    for role in ["expert", "monitor"] {
        let res = admin
            .submit(
                &format!("{roles}?lang=en"),
                &format!("{roles}?lang=en"),
                &[("contact", "resident@demo.qatysu.kz"), ("role", role)],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{role}");
        assert!(res.has("This role is not granted"), "{role}");
    }
}

/// Security review M5, found again when its steps were re-run by hand: an administrator could
/// make a seated council member coordinator of the cycle's territory, so that one person held
/// two duties of the cycle (and the council page went on counting them as civil society). The
/// grant is refused, on the territory and above it, while the seat is on a cycle not yet
/// closed; a grant elsewhere is given.
#[tokio::test]
async fn a_seated_member_is_not_made_coordinator_of_the_cycles_territory() {
    let app = TestApp::with_people().await;
    let (cycle, _) = cycle_in_review(&app).await;
    let coordinator = app.login_as(Role::Coordinator).await;
    let res = invite_to_council(&coordinator, cycle, EXPERT).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    accept_invitation(&app.login_as(Role::Expert).await).await;
    let admin = app.login_as(Role::Admin).await;
    let grant = |kato: &'static str| {
        let admin = &admin;
        async move {
            let roles = format!("/territories/{kato}/roles?lang=en");
            let fields = [("contact", EXPERT), ("role", "coordinator")];
            admin.submit(&roles, &roles, &fields).await
        }
    };
    for kato in ["114435000", "114400000"] {
        let res = grant(kato).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{kato}: {}", res.body);
        assert!(res.has("sits on the expert council"), "{}", res.body);
    }
    let expert = demo_account(&app.db, Role::Expert).await;
    let coordinates = || async {
        store::accounts::roles_of(&app.db, expert)
            .await
            .expect("roles")
            .iter()
            .filter(|r| r.grant.role == Role::Coordinator)
            .count()
    };
    assert_eq!(coordinates().await, 0, "nothing was granted");
    let elsewhere = grant("114441000").await;
    assert_eq!(
        elsewhere.status,
        StatusCode::SEE_OTHER,
        "{}",
        elsewhere.body
    );
    assert_eq!(coordinates().await, 1);
}
