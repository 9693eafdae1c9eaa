//! The many-device sync simulation (see `tests/integration/sync_sim.rs` for what it
//! proves). One seed fixes every random choice, so a failure replays exactly.

mod check;
pub mod transport;

use anyhow::{Result, anyhow};
use app::backend::{Db, context::RequestInfo, sessions, users};
use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client::Segment;
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::follow_up::{FollowUpAction, FollowUpInput};
use app::domain::user::{Language, NewUser, Role};
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use axum::Router;
use chrono::DurationRound;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeMap;
use transport::{Shared, SimTransport};

pub const DEVICES: usize = 10;
const STEPS: usize = 80;
/// Operations per push: small, so a sync sends several batches back to
/// back (each behind the one before) under the network's faults.
const PUSH_BATCH: usize = 3;
const CITIES: &[&str] = &["Rīga", "Cēsis", "Valmiera", "Liepāja", "Talsi", "Bauska"];

pub struct SimDevice {
    pub user: usize,
    pub store: MemoryStore,
    pub device: Device<MemoryStore>,
    pub net: SimTransport,
    pub calls_made: Vec<String>,
}

pub struct SimUser {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub cookie: String,
}

async fn add_user(db: &Db, n: usize, role: Role) -> Result<SimUser> {
    let view = users::create(
        db,
        &NewUser {
            email: format!("lietotajs{n}@sim.lv"),
            name: format!("Lietotājs {n}"),
            role,
            department: Some("Simulācija".into()),
            language: Language::Lv,
            password: "simulacija-123".into(),
            admin: false,
        },
    )
    .await
    .map_err(|e| anyhow!("user: {e}"))?;
    let row = users::get(db, &view.id)
        .await
        .map_err(|e| anyhow!("{e}"))?
        .ok_or_else(|| anyhow!("user vanished"))?;
    let cookie = sessions::open(
        db,
        &row,
        &RequestInfo::default(),
        chrono::Duration::hours(1),
    )
    .await
    .map_err(|e| anyhow!("session: {e}"))?;
    Ok(SimUser {
        id: view.id,
        name: view.name,
        role,
        cookie,
    })
}

fn new_card(rng: &mut StdRng) -> ClientInput {
    ClientInput {
        name: format!("SIA Klients {}", rng.random_range(0..100_000)),
        city: CITIES[rng.random_range(0..CITIES.len())].into(),
        contacts: vec![ContactInput {
            name: "Anna Liepa".into(),
            phones: vec![format!("29{:06}", rng.random_range(0..1_000_000))],
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// One random edit of a card on a device.
fn edit(input: &mut ClientInput, rng: &mut StdRng) {
    match rng.random_range(0..4) {
        0 => input.city = CITIES[rng.random_range(0..CITIES.len())].into(),
        1 => input.needs = format!("Vajadzība {}", rng.random_range(0..1000)),
        2 => {
            input.segment =
                [Segment::Prospect, Segment::Active, Segment::Key][rng.random_range(0..3)]
        }
        _ => {
            input.price_type =
                ["Vairumtirdzniecība", "Mazumtirdzniecība"][rng.random_range(0..2)].into()
        }
    }
}

/// Runs one seed to the end and checks the outcome; answers how many
/// operations the server received, by record kind.
pub async fn run(db: &Db, router: Router, seed: u64) -> Result<BTreeMap<String, usize>> {
    let mut rng = StdRng::seed_from_u64(seed);
    let users = vec![
        add_user(db, 0, Role::Manager).await?,
        add_user(db, 1, Role::Manager).await?,
        add_user(db, 2, Role::Head).await?,
    ];
    let mut devices = Vec::new();
    for d in 0..DEVICES {
        let user = d % users.len();
        let u = &users[user];
        let store = MemoryStore::default();
        let device = Device::open(store.clone(), &u.id, &u.name)
            .await
            .map_err(|e| anyhow!("{e}"))?
            .with_push_batch(PUSH_BATCH);
        let net = SimTransport {
            router: router.clone(),
            cookie: u.cookie.clone(),
            net: Shared::new(seed * 1000 + d as u64, 0.25),
        };
        devices.push(SimDevice {
            user,
            store,
            device,
            net,
            calls_made: Vec::new(),
        });
    }

    for _ in 0..STEPS {
        let d = rng.random_range(0..DEVICES);
        let dev = &mut devices[d];
        let cards: Vec<Row> = dev
            .store
            .all(tables::CLIENT)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        // 0–99 as before contracts and reference data came; they take the
        // extra steps, so syncing (and so conflicts) stays as frequent.
        match rng.random_range(0..105) {
            0..=14 if users[dev.user].role == Role::Manager => {
                dev.device
                    .save_card(None, new_card(&mut rng), false)
                    .await
                    .map_err(|e| anyhow!("create: {e}"))?;
            }
            0..=44 if !cards.is_empty() => {
                let Row::Client { card, .. } = &cards[rng.random_range(0..cards.len())] else {
                    continue;
                };
                let mut input = ClientInput::from_card(card);
                edit(&mut input, &mut rng);
                dev.device
                    .save_card(Some(&card.id), input, card.archived)
                    .await
                    .map_err(|e| anyhow!("edit: {e}"))?;
            }
            53..=59 if !cards.is_empty() => {
                plan_or_change_follow_up(dev, &cards, &mut rng).await?;
            }
            45..=59 if !cards.is_empty() => {
                let Row::Client { card, .. } = &cards[rng.random_range(0..cards.len())] else {
                    continue;
                };
                let call = dev
                    .device
                    .log_call(CallInput {
                        client_id: card.id.clone(),
                        contact_id: card.contacts.first().map(|c| c.id.clone()),
                        at: chrono::Utc::now(),
                        direction: Direction::Outgoing,
                        outcome: Outcome::NoAnswer,
                        kind: app::domain::calling::call_kind::CallKind::Ordinary,
                        duration: String::new(),
                        note: String::new(),
                    })
                    .await
                    .map_err(|e| anyhow!("call: {e}"))?;
                dev.calls_made.push(call.id);
            }
            60..=69 => {
                let mut n = transport::lock(&dev.net.net);
                n.offline = !n.offline;
            }
            70..=74 => {
                // Restart: the app is closed and opened again on its stored data.
                let u = &users[dev.user];
                dev.device = Device::open(dev.store.clone(), &u.id, &u.name)
                    .await
                    .map_err(|e| anyhow!("{e}"))?
                    .with_push_batch(PUSH_BATCH);
            }
            75..=79 => dev.net.deliver_late().await,
            80..=84 if resolve_a_conflict(dev, &mut rng).await? => {}
            85..=89 if !cards.is_empty() => {
                draft_or_change_proposal(dev, &cards, &mut rng).await?;
            }
            90..=92 if !cards.is_empty() => {
                use app::domain::receivables::account_letter::{LetterInput, LetterPurpose};
                let Row::Client { card, .. } = &cards[rng.random_range(0..cards.len())] else {
                    continue;
                };
                let reconcile = rng.random_bool(0.6);
                let month = app::domain::receivables::account_letter::reconciled_month(
                    chrono::Utc::now().date_naive(),
                );
                dev.device
                    .ask_letter(LetterInput {
                        client_id: card.id.clone(),
                        purpose: if reconcile {
                            LetterPurpose::Reconciliation
                        } else {
                            LetterPurpose::Reminder
                        },
                        month: if reconcile {
                            month.code()
                        } else {
                            String::new()
                        },
                        contact_id: card.contacts.first().map(|c| c.id.clone()),
                        language: app::domain::user::Language::Lv,
                        template_id: None,
                    })
                    .await
                    .map_err(|e| anyhow!("letter: {e}"))?;
            }
            93..=95 if !cards.is_empty() => {
                let Row::Client { card, .. } = &cards[rng.random_range(0..cards.len())] else {
                    continue;
                };
                let today = chrono::Utc::now().date_naive();
                let input = app::domain::receivables::promise::PromiseInput {
                    client_id: card.id.clone(),
                    amount: format!(
                        "{},{:02}",
                        rng.random_range(1..5000),
                        rng.random_range(0..100)
                    ),
                    due: (today + chrono::Duration::days(rng.random_range(0..30))).to_string(),
                    made_on: today.to_string(),
                    note: String::new(),
                };
                dev.device
                    .make_promise(input, chrono::Utc::now(), "promised".into())
                    .await
                    .map_err(|e| anyhow!("promise: {e}"))?;
            }
            96..=97 => stop_or_resume_shipments(db, &mut rng).await?,
            98..=99 => import_documents(db, &mut rng).await?,
            100..=101 => write_reference(db, &users[2], &mut rng).await?,
            102..=104 if !cards.is_empty() => {
                draft_or_move_contract(dev, &cards, &mut rng).await?;
            }
            _ => {
                // A sync may fail midway; whatever it did stays done.
                let _ = dev.device.sync(&dev.net, |_| {}).await;
            }
        }
    }

    // Heal: everyone online, no faults, late copies delivered, two rounds.
    for dev in &devices {
        let mut n = transport::lock(&dev.net.net);
        n.offline = false;
        n.fault_rate = 0.0;
    }
    for dev in &devices {
        dev.net.deliver_late().await;
    }
    for _ in 0..2 {
        for dev in &devices {
            dev.device
                .sync(&dev.net, |_| {})
                .await
                .map_err(|e| anyhow!("healing sync: {e}"))?;
        }
    }
    // Conflicts made by the healing are dealt with (dismissed or restored)
    // as people would on their next look, and that syncs too.
    let mut dealt = false;
    for dev in &devices {
        dealt |= resolve_a_conflict(dev, &mut rng).await?;
    }
    if dealt {
        for _ in 0..2 {
            for dev in &devices {
                dev.device
                    .sync(&dev.net, |_| {})
                    .await
                    .map_err(|e| anyhow!("sync after dealing with conflicts: {e}"))?;
            }
        }
    }
    check::converged(db, &router, &users, &devices).await?;
    received(db).await
}

/// Operations the server received, by record kind: each one's answer row,
/// or for append-only kinds the record itself.
async fn received(db: &Db) -> Result<BTreeMap<String, usize>> {
    let mut res = db
        .query(
            "SELECT VALUE record FROM sync_op; SELECT VALUE op FROM call_log; \
             SELECT VALUE op FROM promise; SELECT VALUE op FROM account_letter",
        )
        .await?;
    let answered: Vec<String> = res.take(0)?;
    let calls: Vec<Option<String>> = res.take(1)?;
    let promises: Vec<Option<String>> = res.take(2)?;
    let letters: Vec<Option<String>> = res.take(3)?;
    let mut out = BTreeMap::new();
    for record in answered {
        let table = record.split(':').next().unwrap_or_default().to_string();
        *out.entry(table).or_insert(0) += 1;
    }
    *out.entry(tables::CALL_LOG.to_string()).or_insert(0) += calls.iter().flatten().count();
    *out.entry(tables::PROMISE.to_string()).or_insert(0) += promises.iter().flatten().count();
    *out.entry(tables::ACCOUNT_LETTER.to_string()).or_insert(0) += letters.iter().flatten().count();
    // Reference data is written on the server, never through sync.
    let mut res = db
        .query(
            "SELECT VALUE version FROM template; SELECT VALUE version FROM scheme; \
             SELECT VALUE version FROM money_doc; SELECT VALUE version FROM shipment_stop; \
             SELECT VALUE version FROM price_item",
        )
        .await?;
    let templates: Vec<i64> = res.take(0)?;
    let schemes: Vec<i64> = res.take(1)?;
    let documents: Vec<i64> = res.take(2)?;
    let stops: Vec<i64> = res.take(3)?;
    let prices: Vec<i64> = res.take(4)?;
    *out.entry(tables::PRICE_ITEM.to_string()).or_insert(0) += prices.len();
    *out.entry(tables::SHIPMENT_STOP.to_string()).or_insert(0) += stops.len();
    *out.entry(tables::TEMPLATE.to_string()).or_insert(0) += templates.len();
    *out.entry(tables::SCHEME.to_string()).or_insert(0) += schemes.len();
    *out.entry(tables::MONEY_DOC.to_string()).or_insert(0) += documents.len();
    Ok(out)
}

/// Drafts a contract on a card, or moves one the device has on: a new
/// status, a point argued over, a changed term, signed.
async fn draft_or_move_contract(dev: &SimDevice, cards: &[Row], rng: &mut StdRng) -> Result<()> {
    use app::domain::contract::{ContractInput, ContractStatus, PointInput, PointState};
    let existing: Vec<Row> = dev
        .store
        .all(tables::CONTRACT)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    if let Some(Row::Contract { contract, .. }) =
        existing.get(rng.random_range(0..existing.len().max(1)))
        && rng.random_bool(0.6)
    {
        let mut input = ContractInput::of(&contract.fields);
        match rng.random_range(0..4) {
            0 => {
                input.status =
                    [ContractStatus::InReview, ContractStatus::Negotiating][rng.random_range(0..2)]
            }
            1 => input.points.push(PointInput {
                text: format!("Punkts {}", rng.random_range(0..100)),
                state: PointState::Open,
            }),
            2 => input.payment_days = rng.random_range(0..90).to_string(),
            _ => {
                input.status = ContractStatus::Signed;
                input.signed_on = chrono::Utc::now()
                    .date_naive()
                    .format("%Y-%m-%d")
                    .to_string();
            }
        }
        dev.device
            .save_contract(Some(&contract.id), input)
            .await
            .map_err(|e| anyhow!("contract edit: {e}"))?;
        return Ok(());
    }
    let Row::Client { card, .. } = &cards[rng.random_range(0..cards.len())] else {
        return Ok(());
    };
    dev.device
        .save_contract(
            None,
            ContractInput {
                number: format!("L-{}", rng.random_range(1..10_000)),
                credit_limit: rng.random_range(0..50_000).to_string(),
                ..ContractInput::draft(&card.id)
            },
        )
        .await
        .map_err(|e| anyhow!("contract: {e}"))?;
    Ok(())
}

/// The head writes a template, a key-client scheme or the price list on
/// the server (new, or a change to one): every device must receive it.
async fn write_reference(db: &Db, head: &SimUser, rng: &mut StdRng) -> Result<()> {
    let me = users::get(db, &head.id)
        .await
        .map_err(|e| anyhow!("{e}"))?
        .ok_or_else(|| anyhow!("the head vanished"))?
        .me();
    let n = rng.random_range(0..3);
    if rng.random_bool(0.25) {
        // A price list of a few of five items: new prices, items withdrawn
        // and back again.
        let mut file = String::from("Kods;Nosaukums;Bāzes;Vairumtirdzniecība\n");
        for code in ["A", "B", "C", "D", "E"] {
            if rng.random_bool(0.6) {
                let price = rng.random_range(100..2000);
                file.push_str(&format!(
                    "{code}-1;Prece {code};{},{:02};{}\n",
                    price / 100,
                    price % 100,
                    price / 120
                ));
            }
        }
        app::backend::price_list::import(db, &me, file.as_bytes(), false)
            .await
            .map_err(|e| anyhow!("price list: {e}"))?;
    } else if rng.random_bool(0.5) {
        use app::domain::template::{TemplateFields, TemplateText};
        let text = |s: &str| TemplateText {
            subject: format!("{s} {{client}}"),
            body: format!("{s}, {{contact}}!\n{{lines}}\n{{manager}}"),
        };
        let fields = TemplateFields {
            name: format!("Veidne {n}"),
            lv: text(&format!("Piedāvājums {}", rng.random_range(0..1000))),
            en: text("Offer"),
            ru: text("Предложение"),
            attach_pdf: rng.random_bool(0.5),
            archived: false,
            purpose: Default::default(),
        };
        // The same name is the same template: change it, else make it.
        let id = existing(db, "template", &fields.name).await?;
        app::backend::templates::save(db, &me, id.as_deref(), fields)
            .await
            .map_err(|e| anyhow!("template: {e}"))?;
    } else {
        let input = app::domain::scheme::SchemeInput {
            name: format!("Shēma {n}"),
            discount_pct: rng.random_range(0..30).to_string(),
            lead_days: rng.random_range(1..10).to_string(),
            ..Default::default()
        };
        let id = existing(db, "scheme", &input.name).await?;
        app::backend::schemes::save(db, &me, id.as_deref(), input)
            .await
            .map_err(|e| anyhow!("scheme: {e}"))?;
    }
    Ok(())
}

/// Accounting imports a few documents for cards the server has (new ones,
/// or an amount corrected): each must reach exactly the devices of those
/// who work the card, and follow it to a new owner.
async fn import_documents(db: &Db, rng: &mut StdRng) -> Result<()> {
    let mut res = db.query("SELECT VALUE record::id(id) FROM client").await?;
    let cards: Vec<String> = res.take(0)?;
    if cards.is_empty() {
        return Ok(());
    }
    let mut csv = String::from("type;number;client;date;due;amount\n");
    for _ in 0..rng.random_range(1..4) {
        let kind = ["invoice", "credit_note", "payment"][rng.random_range(0..3)];
        csv.push_str(&format!(
            "{kind};N-{};{};2026-11-02;2026-11-16;{},{:02}\n",
            rng.random_range(0..20),
            cards[rng.random_range(0..cards.len())],
            rng.random_range(1..5000),
            rng.random_range(0..100),
        ));
    }
    let req = app::backend::money_import::Request {
        actor: "accounting",
        source: "sim",
        adjust: Default::default(),
        preview: false,
        device: None,
    };
    // The same number for another client or amount in one file is a
    // reported row, not a failure of the run.
    app::backend::money_import::import(db, req, csv.as_bytes(), |_| {})
        .await
        .map_err(|e| anyhow!("import: {e}"))?;
    Ok(())
}

/// Accounting stops or resumes shipments to a card the server has: the
/// stop must reach every device that shows the card, and follow it.
async fn stop_or_resume_shipments(db: &Db, rng: &mut StdRng) -> Result<()> {
    let mut res = db.query("SELECT VALUE record::id(id) FROM client").await?;
    let cards: Vec<String> = res.take(0)?;
    if cards.is_empty() {
        return Ok(());
    }
    let accounting: app::domain::user::Me = serde_json::from_value(serde_json::json!({
        "id": "accounting", "email": "gramatvediba@firma.lv", "name": "Grāmatvedība",
        "role": "accounting", "department": null, "language": "lv",
    }))?;
    let input = app::domain::receivables::shipment_stop::StopInput {
        client_id: cards[rng.random_range(0..cards.len())].clone(),
        stopped: rng.random_bool(0.7),
        reason: "overdue".into(),
    };
    app::backend::shipment_stops::save(db, &accounting, input)
        .await
        .map_err(|e| anyhow!("stop shipments: {e}"))?;
    Ok(())
}

async fn existing(db: &Db, table: &str, name: &str) -> Result<Option<String>> {
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM type::table($table) WHERE name = $name")
        .bind(("table", table.to_string()))
        .bind(("name", name.to_string()))
        .await?;
    let ids: Vec<String> = res.take(0)?;
    Ok(ids.into_iter().next())
}

/// The random operations the simulation makes, by record kind: every
/// registered kind has at least one (a test checks it).
pub const OPERATIONS: &[(&str, &str)] = &[
    (tables::CLIENT, "create a card, edit a field"),
    (tables::CALL_LOG, "log a call"),
    (tables::CONFLICT, "dismiss a conflict, or restore its value"),
    (tables::FOLLOW_UP, "plan a follow-up, mark it done, move it"),
    (
        tables::PROPOSAL,
        "draft a proposal, queue it, change a line, answer",
    ),
    (
        tables::CONTRACT,
        "draft a contract, move it on, argue a point, sign it",
    ),
    (
        tables::TEMPLATE,
        "the head writes or changes a template (on the server)",
    ),
    (
        tables::SCHEME,
        "the head writes or changes a key-client scheme (on the server)",
    ),
    (
        tables::MONEY_DOC,
        "accounting imports invoices, credit notes and payments (on the server)",
    ),
    (
        tables::PROMISE,
        "record a promise to pay (and its follow-up)",
    ),
    (
        tables::ACCOUNT_LETTER,
        "ask for a payment reminder or a reconciliation statement",
    ),
    (
        tables::SHIPMENT_STOP,
        "accounting stops or resumes shipments to a client (on the server)",
    ),
    (
        tables::PRICE_ITEM,
        "the head imports the price list (on the server)",
    ),
];

/// Drafts a proposal on a card, or changes one the device has: queues it,
/// records the client's answer, or changes a line's quantity.
async fn draft_or_change_proposal(dev: &SimDevice, cards: &[Row], rng: &mut StdRng) -> Result<()> {
    use app::domain::proposal::{LineInput, ProposalInput, ProposalStatus};
    let existing: Vec<Row> = dev
        .store
        .all(tables::PROPOSAL)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    if let Some(Row::Proposal { proposal, .. }) =
        existing.get(rng.random_range(0..existing.len().max(1)))
        && rng.random_bool(0.6)
    {
        let mut input = ProposalInput::of(&proposal.fields);
        match rng.random_range(0..3) {
            0 => input.status = ProposalStatus::Queued,
            1 => {
                input.status =
                    [ProposalStatus::Accepted, ProposalStatus::Declined][rng.random_range(0..2)]
            }
            _ => input.lines[0].quantity = rng.random_range(1..500).to_string(),
        }
        dev.device
            .save_proposal(Some(&proposal.id), input)
            .await
            .map_err(|e| anyhow!("proposal edit: {e}"))?;
        return Ok(());
    }
    let Row::Client { card, .. } = &cards[rng.random_range(0..cards.len())] else {
        return Ok(());
    };
    let lines = (0..rng.random_range(1..4))
        .map(|n| LineInput {
            item: format!("Prece {n}"),
            quantity: rng.random_range(1..100).to_string(),
            unit_price: format!(
                "{},{:02}",
                rng.random_range(1..500),
                rng.random_range(0..100)
            ),
            discount_pct: ["", "5", "12,5"][rng.random_range(0..3)].into(),
            group: String::new(),
        })
        .collect();
    dev.device
        .save_proposal(
            None,
            ProposalInput {
                client_id: card.id.clone(),
                contact_ids: card.contacts.iter().map(|c| c.id.clone()).collect(),
                language: app::domain::user::Language::Lv,
                lines,
                valid_until: (chrono::Utc::now() + chrono::Duration::days(30)).date_naive(),
                status: ProposalStatus::Draft,
                note: String::new(),
                template_id: None,
            },
        )
        .await
        .map_err(|e| anyhow!("proposal: {e}"))?;
    Ok(())
}

/// Dismisses one of the device's open conflicts, or restores its lost
/// value; `false` when the device has none.
async fn resolve_a_conflict(dev: &SimDevice, rng: &mut StdRng) -> Result<bool> {
    let open: Vec<String> = dev
        .store
        .all(tables::CONFLICT)
        .await
        .map_err(|e| anyhow!("{e}"))?
        .into_iter()
        .filter_map(|r| match r {
            Row::Conflict { conflict } if !conflict.resolved => Some(conflict.id),
            _ => None,
        })
        .collect();
    if open.is_empty() {
        return Ok(false);
    }
    let id = &open[rng.random_range(0..open.len())];
    match dev.device.resolve_conflict(id, rng.random_bool(0.5)).await {
        // Its card may have left the device (handed to someone else).
        Ok(()) | Err(app::sync::device::EditError::NotFound) => Ok(true),
        Err(e) => Err(anyhow!("resolve: {e}")),
    }
}

/// Plans a follow-up on a card, or marks one done, or moves it.
async fn plan_or_change_follow_up(dev: &SimDevice, cards: &[Row], rng: &mut StdRng) -> Result<()> {
    let existing: Vec<Row> = dev
        .store
        .all(tables::FOLLOW_UP)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let now = chrono::Utc::now().duration_trunc(chrono::Duration::seconds(1))?;
    if let Some(Row::FollowUp { follow_up, .. }) =
        existing.get(rng.random_range(0..existing.len().max(1)))
        && rng.random_bool(0.6)
    {
        let mut input = FollowUpInput::of(&follow_up.fields);
        if rng.random_bool(0.5) {
            input.done_at = Some(now);
        } else {
            input.due = now + chrono::Duration::hours(rng.random_range(1..72));
        }
        dev.device
            .save_follow_up(Some(&follow_up.id), input)
            .await
            .map_err(|e| anyhow!("follow-up edit: {e}"))?;
        return Ok(());
    }
    let Row::Client { card, .. } = &cards[rng.random_range(0..cards.len())] else {
        return Ok(());
    };
    dev.device
        .save_follow_up(
            None,
            FollowUpInput {
                client_id: card.id.clone(),
                contact_id: None,
                action: FollowUpAction::ALL[rng.random_range(0..FollowUpAction::ALL.len())],
                due: now + chrono::Duration::hours(rng.random_range(1..72)),
                note: String::new(),
                done_at: None,
                call_id: None,
            },
        )
        .await
        .map_err(|e| anyhow!("follow-up: {e}"))?;
    Ok(())
}

/// `kartoteka bench sync-fuzz`: seeds `from..from + seeds`, each on a fresh
/// in-memory server. Prints each failing seed and a summary as its last line.
pub async fn fuzz(from: u64, seeds: u64) -> Result<()> {
    let started = std::time::Instant::now();
    let mut failures = 0;
    for seed in from..from + seeds {
        let db = crate::db::open("mem://").await?;
        let state = crate::serve::state(db.clone(), &crate::config::ServeArgs::default());
        let router = crate::http::router(state, &crate::http::site::Site::empty());
        if let Err(e) = run(&db, router, seed).await {
            failures += 1;
            println!("seed {seed}: {e:#}");
        }
    }
    println!(
        "sync-fuzz seeds={seeds} failures={failures} seconds={:.1}",
        started.elapsed().as_secs_f64()
    );
    if failures > 0 {
        Err(anyhow!("{failures} seeds failed"))
    } else {
        Ok(())
    }
}
