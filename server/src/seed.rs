//! Realistic Latvian demo data: companies with valid registration and VAT
//! numbers, people with diacritics, real cities and streets, contact persons
//! with valid phones and e-mails. Deterministic for a given seed.

use crate::config::{Common, SeedArgs};
use anyhow::{Result, anyhow, bail};
use app::backend::Db;
use app::domain::client::{ClientKind, Segment, Source};
use app::domain::client_input::{ClientInput, ContactInput, ValidClient};
use app::domain::registration::complete_reg_no;
use app::domain::search::words;
use app::domain::user::{Language, NewUser, Role};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const PREFIXES: &[&str] = &[
    "Baltijas",
    "Rīgas",
    "Kurzemes",
    "Vidzemes",
    "Latgales",
    "Zemgales",
    "Daugavas",
    "Saules",
    "Meža",
    "Jūras",
    "Ziemeļu",
    "Gaujas",
    "Ventas",
    "Dzintara",
    "Ozolu",
    "Liepu",
    "Bērzu",
    "Zvaigžņu",
    "Ābeļu",
    "Kalnu",
];
const TRADES: &[&str] = &[
    "Piens",
    "Koks",
    "Būve",
    "Tirdzniecība",
    "Loģistika",
    "Serviss",
    "Auto",
    "Tehnika",
    "Maize",
    "Enerģija",
    "Dārzs",
    "Tekstils",
    "Stikls",
    "Metāls",
    "Pārtika",
    "Mēbeles",
    "Elektro",
    "Zivis",
    "Gaļa",
    "Farmācija",
    "Dzērieni",
    "Iepakojums",
    "Santehnika",
    "Kancelejas preces",
];
const FORMS: &[&str] = &["SIA", "SIA", "SIA", "AS", "IK"];
const FIRST_M: &[&str] = &[
    "Jānis",
    "Andris",
    "Pēteris",
    "Mārtiņš",
    "Kārlis",
    "Edgars",
    "Gints",
    "Aivars",
    "Raimonds",
    "Juris",
    "Ēriks",
    "Oļegs",
    "Sergejs",
    "Dmitrijs",
    "Artūrs",
    "Valdis",
];
const FIRST_F: &[&str] = &[
    "Ilze",
    "Inese",
    "Līga",
    "Dace",
    "Kristīne",
    "Anna",
    "Zane",
    "Sandra",
    "Ieva",
    "Māra",
    "Agnese",
    "Rūta",
    "Jeļena",
    "Olga",
    "Ērika",
    "Gunta",
];
/// Surnames in their masculine and feminine forms.
const SURNAMES: &[(&str, &str)] = &[
    ("Bērziņš", "Bērziņa"),
    ("Kalniņš", "Kalniņa"),
    ("Ozoliņš", "Ozoliņa"),
    ("Jansons", "Jansone"),
    ("Ozols", "Ozola"),
    ("Liepiņš", "Liepiņa"),
    ("Krūmiņš", "Krūmiņa"),
    ("Balodis", "Balode"),
    ("Eglītis", "Eglīte"),
    ("Zariņš", "Zariņa"),
    ("Pētersons", "Pētersone"),
    ("Vītols", "Vītola"),
    ("Kļaviņš", "Kļaviņa"),
    ("Kārkliņš", "Kārkliņa"),
    ("Vanags", "Vanaga"),
    ("Lācis", "Lāce"),
    ("Žagars", "Žagare"),
    ("Šmits", "Šmite"),
    ("Ivanovs", "Ivanova"),
    ("Kuzņecovs", "Kuzņecova"),
    ("Grīnbergs", "Grīnberga"),
    ("Skuja", "Skuja"),
    ("Ķēniņš", "Ķēniņa"),
    ("Ūdris", "Ūdre"),
];
const CITIES: &[&str] = &[
    "Rīga",
    "Rīga",
    "Rīga",
    "Daugavpils",
    "Liepāja",
    "Jelgava",
    "Jūrmala",
    "Ventspils",
    "Rēzekne",
    "Valmiera",
    "Jēkabpils",
    "Ogre",
    "Tukums",
    "Cēsis",
    "Salaspils",
    "Kuldīga",
    "Sigulda",
    "Talsi",
    "Bauska",
    "Dobele",
    "Madona",
    "Līvāni",
    "Smiltene",
    "Ādaži",
];
const STREETS: &[&str] = &[
    "Brīvības iela",
    "Krišjāņa Barona iela",
    "Dzirnavu iela",
    "Lāčplēša iela",
    "Elizabetes iela",
    "Tērbatas iela",
    "Maskavas iela",
    "Ganību dambis",
    "Rīgas iela",
    "Skolas iela",
    "Pils iela",
    "Lielā iela",
    "Jūras iela",
    "Stacijas iela",
    "Ūdens iela",
    "Krasta iela",
];
const POSITIONS: &[&str] = &[
    "Valdes loceklis",
    "Iepirkumu vadītājs",
    "Grāmatvede",
    "Direktors",
    "Loģistikas vadītājs",
    "Noliktavas vadītājs",
    "Finanšu direktore",
    "Tirdzniecības vadītājs",
];
const PRICE_TYPES: &[&str] = &[
    "Mazumtirdzniecība",
    "Vairumtirdzniecība",
    "Dīleris",
    "Īpašā",
];
const TAGS: &[&str] = &[
    "HoReCa",
    "mazumtirdzniecība",
    "eksports",
    "izstāde 2026",
    "VIP",
    "ražotājs",
];

fn pick<'a, T: ?Sized>(rng: &mut StdRng, items: &'a [&'a T]) -> &'a T {
    items[rng.random_range(0..items.len())]
}

fn ascii(s: &str) -> String {
    words(s).join("")
}

fn person(rng: &mut StdRng) -> (String, String, String) {
    let female = rng.random_bool(0.5);
    let (m, f) = SURNAMES[rng.random_range(0..SURNAMES.len())];
    let first = if female {
        pick(rng, FIRST_F)
    } else {
        pick(rng, FIRST_M)
    };
    let last = if female { f } else { m };
    (
        first.to_string(),
        last.to_string(),
        format!("{first} {last}"),
    )
}

/// A Latvian mobile number in a range the operators use (20, 26–29).
fn mobile(rng: &mut StdRng) -> String {
    let second = [0, 6, 7, 8, 9][rng.random_range(0..5)];
    format!("+3712{second}{:06}", rng.random_range(0..1_000_000u32))
}

fn reg_no(rng: &mut StdRng) -> String {
    loop {
        let ten = format!("40{:08}", rng.random_range(0..100_000_000u32));
        if let Some(full) = complete_reg_no(&ten) {
            return full;
        }
    }
}

/// One realistic card (as the form would submit it).
pub fn card(rng: &mut StdRng, n: usize) -> ClientInput {
    let company = rng.random_bool(0.8);
    let city = pick(rng, CITIES).to_string();
    let mut person_name = None;
    let (name, domain, reg, vat) = if company {
        let trade = pick(rng, TRADES);
        let name = format!("{} {} {}", pick(rng, FORMS), pick(rng, PREFIXES), trade);
        // A number keeps the names of a big demo apart, as in a real register.
        let name = if n >= 400 {
            format!("{name} {}", n % 997)
        } else {
            name
        };
        let domain = format!(
            "{}.lv",
            ascii(
                &name
                    .replace("SIA ", "")
                    .replace("AS ", "")
                    .replace("IK ", "")
            )
        );
        let reg = reg_no(rng);
        let vat = if rng.random_bool(0.7) {
            format!("LV{reg}")
        } else {
            String::new()
        };
        (name, domain, reg, vat)
    } else {
        let p = person(rng);
        let full = p.2.clone();
        person_name = Some(p);
        (full, "inbox.lv".to_string(), String::new(), String::new())
    };
    let contact_count = if company { rng.random_range(1..=3) } else { 1 };
    let contacts = (0..contact_count)
        .map(|_| {
            let (first, last, full) = person_name.clone().unwrap_or_else(|| person(rng));
            let email = format!("{}.{}@{domain}", ascii(&first), ascii(&last));
            let birthday = if rng.random_bool(0.6) {
                format!(
                    "{}-{:02}-{:02}",
                    rng.random_range(1955..2002),
                    rng.random_range(1..=12),
                    rng.random_range(1..=28)
                )
            } else {
                String::new()
            };
            ContactInput {
                id: None,
                name: if company { full } else { name.clone() },
                position: if company {
                    pick(rng, POSITIONS).to_string()
                } else {
                    String::new()
                },
                phones: vec![mobile(rng)],
                emails: vec![email],
                birthday,
                notes: String::new(),
            }
        })
        .collect();
    let segments = [
        Segment::Prospect,
        Segment::Active,
        Segment::Active,
        Segment::Key,
        Segment::Lost,
    ];
    let sources = Source::ALL;
    let tag_count = rng.random_range(0..3);
    let tags: Vec<&str> = (0..tag_count).map(|_| pick(rng, TAGS)).collect();
    ClientInput {
        kind: if company {
            ClientKind::Company
        } else {
            ClientKind::Person
        },
        name,
        reg_no: reg,
        vat_no: vat,
        segment: segments[rng.random_range(0..segments.len())],
        source: sources[rng.random_range(0..sources.len())],
        owner_id: None,
        address: format!("{} {}", pick(rng, STREETS), rng.random_range(1..120)),
        city,
        website: if company { domain } else { String::new() },
        price_type: pick(rng, PRICE_TYPES).to_string(),
        payment_terms_days: ["14", "30", "45", "60"][rng.random_range(0..4)].to_string(),
        credit_limit: format!("{}", rng.random_range(0..200) * 500),
        tags: tags.join(", "),
        needs: String::new(),
        contacts,
        scheme_id: String::new(),
    }
}

/// The demo accounts' password, published in the README.
pub const DEMO_PASSWORD: &str = "demo-parole-1";
const DEMO_DOMAIN: &str = "@demo.kartoteka.lv";

/// Users that are not demo accounts.
async fn real_users(db: &Db) -> Result<i64> {
    let mut res = db
        .query("RETURN count(SELECT id FROM user WHERE !string::ends_with(email, $demo))")
        .bind(("demo", DEMO_DOMAIN))
        .await?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0))
}

/// Managers who own the demo cards, and their head; created with a known
/// demo password.
pub async fn ensure_managers(db: &Db, count: usize) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    let mut rng = StdRng::seed_from_u64(7);
    for i in 0..count.max(1) {
        let email = format!("manager{}@demo.kartoteka.lv", i + 1);
        ids.push(demo_user(db, &email, Role::Manager, || person(&mut rng).2).await?);
    }
    // Their head, who sees the department's cards and sets its targets.
    demo_user(db, "vaditajs@demo.kartoteka.lv", Role::Head, || {
        "Valdis Vadītājs".into()
    })
    .await?;
    Ok(ids)
}

/// A demo user of the wholesale department: the existing one with this
/// e-mail, or a new one named by `name`.
async fn demo_user(
    db: &Db,
    email: &str,
    role: Role,
    name: impl FnOnce() -> String,
) -> Result<String> {
    if let Some((u, _)) = app::backend::users::by_email(db, email)
        .await
        .map_err(|e| anyhow!("{e}"))?
    {
        return Ok(u.id);
    }
    let u = app::backend::users::create(
        db,
        &NewUser {
            email: email.into(),
            name: name(),
            role,
            department: Some("Vairumtirdzniecība".into()),
            language: Language::Lv,
            password: DEMO_PASSWORD.into(),
            admin: false,
        },
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    Ok(u.id)
}

/// Writes `count` cards spread over `owners`, in batches, reporting progress.
pub async fn fill(
    db: &Db,
    owners: &[String],
    count: usize,
    seed: u64,
    progress: impl Fn(usize),
) -> Result<Vec<String>> {
    let mut ids = Vec::with_capacity(count);
    let mut rng = StdRng::seed_from_u64(seed);
    let today = chrono::Utc::now().date_naive();
    let mut batch: Vec<ValidClient> = Vec::new();
    for n in 0..count {
        let mut input = card(&mut rng, n);
        input.owner_id = Some(owners[n % owners.len()].clone());
        let valid = input
            .validate(today)
            .map_err(|e| anyhow!("generated card {n} is invalid: {e}"))?;
        batch.push(valid);
        if batch.len() == 500 || n + 1 == count {
            let made = app::backend::clients::import(db, &owners[0], &owners[0], &batch)
                .await
                .map_err(|e| anyhow!("{e}"))?;
            ids.extend(made);
            batch.clear();
            progress(n + 1);
        }
    }
    Ok(ids)
}

/// Call logs over the past 90 days on the given cards, logged by `by`.
pub async fn fill_calls(
    db: &Db,
    cards: &[String],
    by: &str,
    count: usize,
    seed: u64,
    progress: impl Fn(usize),
) -> Result<()> {
    use app::backend::records::call_log::CallDoc;
    use app::domain::call_log::{Direction, Outcome};
    use app::domain::calling::call_kind::CallKind;
    if cards.is_empty() {
        return Ok(());
    }
    let mut rng = StdRng::seed_from_u64(seed ^ 0xca11);
    let now = chrono::Utc::now();
    let mut batch = Vec::new();
    for n in 0..count {
        let outcome = Outcome::ALL[rng.random_range(0..Outcome::ALL.len())];
        batch.push(CallDoc {
            id: uuid::Uuid::now_v7().to_string(),
            client: cards[rng.random_range(0..cards.len())].clone(),
            contact: None,
            at: now - chrono::Duration::minutes(rng.random_range(0..90 * 24 * 60)),
            direction: if rng.random_bool(0.8) {
                Direction::Outgoing
            } else {
                Direction::Incoming
            }
            .code()
            .into(),
            outcome: outcome.code().into(),
            kind: CallKind::ALL[rng.random_range(0..CallKind::ALL.len())]
                .code()
                .into(),
            duration_s: if outcome == Outcome::Connected {
                rng.random_range(20..900)
            } else {
                0
            },
            note: rng
                .random_bool(0.3)
                .then(|| "Jāpiezvana nākamnedēļ".to_string()),
            by: by.to_string(),
            on_behalf_of: None,
            logged_at: now,
            owner: None,
            version: 0,
            op: None,
            device: None,
        });
        if batch.len() == 2000 || n + 1 == count {
            app::backend::records::call_log::import(db, std::mem::take(&mut batch))
                .await
                .map_err(|e| anyhow!("{e}"))?;
            progress(n + 1);
        }
    }
    Ok(())
}

/// Follow-ups on the given cards, planned by `by`: due from 30 days ago to
/// 30 days ahead, four in five of the past ones done.
pub async fn fill_follow_ups(
    db: &Db,
    cards: &[String],
    by: &str,
    count: usize,
    seed: u64,
    progress: impl Fn(usize),
) -> Result<()> {
    use app::backend::records::follow_up::{FollowUpDoc, import};
    use app::domain::follow_up::FollowUpAction;
    if cards.is_empty() || count == 0 {
        return Ok(());
    }
    let mut rng = StdRng::seed_from_u64(seed ^ 0xf011);
    let now = chrono::Utc::now();
    let mut batch = Vec::new();
    for n in 0..count {
        let due = now + chrono::Duration::minutes(rng.random_range(-30 * 24 * 60..30 * 24 * 60));
        let done = due < now && rng.random_bool(0.8);
        batch.push(FollowUpDoc {
            id: uuid::Uuid::now_v7().to_string(),
            client: cards[rng.random_range(0..cards.len())].clone(),
            contact: None,
            action: FollowUpAction::ALL[rng.random_range(0..FollowUpAction::ALL.len())]
                .code()
                .into(),
            due,
            note: rng.random_bool(0.3).then(|| "Precizēt cenas".to_string()),
            done_at: done.then_some(due),
            call: None,
            by: by.to_string(),
            created_at: now,
            clocks: "{}".into(),
            owner: None,
            version: 0,
        });
        if batch.len() == 2000 || n + 1 == count {
            import(db, std::mem::take(&mut batch))
                .await
                .map_err(|e| anyhow!("{e}"))?;
            progress(n + 1);
        }
    }
    Ok(())
}

pub async fn run(common: &Common, args: &SeedArgs) -> Result<()> {
    if common.db.is_none() {
        std::fs::create_dir_all(&common.data_dir)?;
    }
    let url = common.db_url();
    let db = crate::db::open(common.database()).await?;
    let real = real_users(&db).await?;
    if real > 0 && !args.force {
        crate::db::close(db, &url).await;
        bail!(
            "this database has {real} real user(s); demo accounts with a published password \
             do not belong there. Seed a separate database (--data-dir or --db), or pass --force"
        );
    }
    eprintln!(
        "warning: the demo accounts' password ({DEMO_PASSWORD}) is published in the README; \
         never seed a database that real people use"
    );
    let owners = ensure_managers(&db, args.managers).await?;
    let total = args.clients;
    let filled = fill(&db, &owners, total, args.seed, |done| {
        eprint!("\rseeded {done}/{total} cards");
    })
    .await;
    eprintln!();
    let filled = match filled {
        // Calls and follow-ups go to the first manager's cards (they log them).
        Ok(ids) => {
            let mine: Vec<String> = ids.iter().step_by(owners.len()).cloned().collect();
            let calls = args.calls;
            let follow_ups = args.follow_ups;
            let done = fill_calls(&db, &mine, &owners[0], calls, args.seed, |done| {
                eprint!("\rseeded {done}/{calls} call logs");
            })
            .await;
            match done {
                Ok(()) => {
                    fill_follow_ups(&db, &mine, &owners[0], follow_ups, args.seed, |done| {
                        eprint!("\rseeded {done}/{follow_ups} follow-ups");
                    })
                    .await
                }
                Err(e) => Err(e),
            }
        }
        Err(e) => Err(e),
    };
    eprintln!();
    crate::db::close(db, &common.db_url()).await;
    filled?;
    println!(
        "seeded {total} client cards for {} managers (manager1@demo.kartoteka.lv …, their head vaditajs@demo.kartoteka.lv; password demo-parole-1)",
        owners.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_cards_are_valid() {
        let mut rng = StdRng::seed_from_u64(42);
        let today = chrono::Utc::now().date_naive();
        for n in 0..2000 {
            let c = card(&mut rng, n);
            if let Err(e) = c.validate(today) {
                panic!("card {n} {c:?}: {e}");
            }
        }
    }
}
