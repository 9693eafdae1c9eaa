//! The catalogue: each key with its Latvian, English and Russian text, side by
//! side so a translator sees all three at once. `{name}`-style placeholders are
//! filled by `super::fill`; `{n}` is kept for counts, whose texts list their
//! plural forms (see `kartoteka_core::plural`) and are written by
//! `super::count`. A number that needs no form is `{num}`.

use crate::domain::user::Language;

macro_rules! catalog {
    ($($key:ident => $lv:literal, $en:literal, $ru:literal;)+) => {
        /// A user-facing text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),+ }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),+];
        }

        pub fn text(lang: Language, key: Key) -> &'static str {
            match lang {
                Language::Lv => match key { $(Key::$key => $lv),+ },
                Language::En => match key { $(Key::$key => $en),+ },
                Language::Ru => match key { $(Key::$key => $ru),+ },
            }
        }
    };
}

catalog! {
    AppName => "Kartotēka", "Kartoteka", "Картотека";
    Loading => "Ielādē…", "Loading…", "Загрузка…";
    ScreenNotLoaded => "Šo ekrānu neizdevās ielādēt. Atverot to pirmo reizi, vajadzīgs tīkls; pārbaudiet savienojumu un mēģiniet vēlreiz.", "This screen could not be loaded. Opening it the first time needs the network; check the connection and try again.", "Не удалось загрузить этот экран. Чтобы открыть его в первый раз, нужна сеть; проверьте соединение и попробуйте снова.";
    NotFoundTitle => "Šādas lapas nav", "There is no such page", "Такой страницы нет";
    NavLabel => "Galvenā navigācija", "Main navigation", "Основная навигация";
    NavClients => "Klienti", "Clients", "Клиенты";
    NavNewClient => "Jauns", "New", "Новый";
    NavUsers => "Lietotāji", "Users", "Пользователи";
    NavAccount => "Konts", "Account", "Профиль";
    Online => "Tiešsaistē", "Online", "В сети";
    Offline => "Bezsaistē", "Offline", "Нет сети";

    SignIn => "Pieteikties", "Sign in", "Войти";
    SigningIn => "Piesakās…", "Signing in…", "Вход…";
    SignOut => "Izrakstīties", "Sign out", "Выйти";
    Email => "E-pasts", "E-mail", "Эл. почта";
    Password => "Parole", "Password", "Пароль";
    Language => "Valoda", "Language", "Язык";
    FirstAdminTitle => "Vēl nav neviena lietotāja", "There are no users yet", "Пользователей ещё нет";
    FirstAdminText => "Atveriet iestatīšanas saiti, ko serveris ierakstīja savā žurnālā (tā der vienu reizi, 24 stundas). Vai arī apturiet serveri un projekta mapē izveidojiet administratoru ar šo komandu (būvējumam no ./scripts/serve):", "Open the set-up link the server wrote to its log (it works once, for 24 hours). Or stop the server and create the administrator in the project folder with this command (for a build from ./scripts/serve):", "Откройте ссылку настройки, которую сервер записал в журнал (она действует один раз, 24 часа). Или остановите сервер и создайте администратора в папке проекта этой командой (для сборки из ./scripts/serve):";
    FirstAdminForm => "Izveidojiet pirmo administratoru", "Create the first administrator", "Создайте первого администратора";
    FirstAdminCreate => "Izveidot un pieteikties", "Create and sign in", "Создать и войти";
    FirstAdminRefused => "Šī saite vairs neder (izmantota vai novecojusi). Restartējiet serveri, lai saņemtu jaunu.", "This link no longer works (used or expired). Restart the server for a new one.", "Эта ссылка больше не действует (использована или устарела). Перезапустите сервер, чтобы получить новую.";
    SessionEnded => "Sesija ir beigusies", "Your session has ended", "Сеанс завершён";
    SessionEndedText => "Piesakieties vēlreiz. Ievadītie dati saglabājas šajā lapā.", "Sign in again. What you typed stays on this page.", "Войдите снова. Введённые данные остаются на этой странице.";

    NewClient => "Jauns klients", "New client", "Новый клиент";
    EditClient => "Labot klientu", "Edit client", "Изменить клиента";
    SearchLabel => "Meklēt klientus", "Search clients", "Поиск клиентов";
    SearchPlaceholder => "Nosaukums, tālrunis, e-pasts, reģ. nr.", "Name, phone, e-mail, reg. no.", "Название, телефон, e-mail, рег. №";
    AllSegments => "Visi segmenti", "All segments", "Все сегменты";
    AllOwners => "Visi atbildīgie", "All owners", "Все ответственные";
    SortBy => "Kārtot", "Sort by", "Сортировка";
    SortName => "Pēc nosaukuma", "By name", "По названию";
    SortUpdated => "Nesen mainītie", "Recently updated", "Недавно изменённые";
    SortNewest => "Jaunākie", "Newest", "Новые";
    ShowArchived => "Rādīt arhivētos", "Show archived", "Показать архивные";
    NoClientsFound => "Nekas netika atrasts", "Nothing found", "Ничего не найдено";
    LoadMore => "Rādīt vēl", "Show more", "Показать ещё";

    Details => "Pamatdati", "Details", "Основное";
    AboutClient => "Par klientu", "About the client", "О клиенте";
    Kind => "Veids", "Kind", "Тип";
    KindCompany => "Uzņēmums", "Company", "Компания";
    KindPerson => "Privātpersona", "Private person", "Частное лицо";
    Name => "Nosaukums / vārds", "Name", "Название / имя";
    RegNo => "Reģistrācijas nr.", "Registration no.", "Регистрационный №";
    VatNo => "PVN nr.", "VAT no.", "№ плательщика НДС";
    Segment => "Segments", "Segment", "Сегмент";
    SegProspect => "Potenciālais", "Prospect", "Потенциальный";
    SegActive => "Aktīvs", "Active", "Активный";
    SegKey => "Atslēgas klients", "Key client", "Ключевой";
    SegLost => "Zaudēts", "Lost", "Потерян";
    Source => "Avots", "Source", "Источник";
    SrcExhibition => "Izstāde", "Exhibition", "Выставка";
    SrcAdvertising => "Reklāma", "Advertising", "Реклама";
    SrcReferral => "Ieteikums", "Referral", "Рекомендация";
    SrcIncomingCall => "Ienākošs zvans", "Incoming call", "Входящий звонок";
    SrcWebsite => "Mājaslapa", "Website", "Сайт";
    SrcStore => "Veikals", "Store", "Магазин";
    SrcOther => "Cits", "Other", "Другое";
    Owner => "Atbildīgais", "Owner", "Ответственный";
    OwnerMe => "Es", "Me", "Я";
    Address => "Adrese", "Address", "Адрес";
    City => "Pilsēta", "City", "Город";
    Website => "Mājaslapa", "Website", "Сайт";
    Terms => "Līguma nosacījumi", "Terms", "Условия";
    PriceType => "Cenu veids", "Price type", "Тип цен";
    PaymentTerms => "Apmaksas termiņš (dienas)", "Payment terms (days)", "Срок оплаты (дни)";
    DaysN => "{n} diena|{n} dienas|{n} dienu", "{n} day|{n} days", "{n} день|{n} дня|{n} дней";
    CreditLimit => "Kredītlimits (EUR)", "Credit limit (EUR)", "Кредитный лимит (EUR)";
    Tags => "Birkas (ar komatu)", "Tags (comma-separated)", "Метки (через запятую)";
    Needs => "Vajadzības un intereses", "Needs and interests", "Потребности и интересы";
    Contacts => "Kontaktpersonas", "Contact persons", "Контактные лица";
    NoContacts => "Kontaktpersonu vēl nav", "No contact persons yet", "Контактных лиц пока нет";
    AddContact => "Pievienot kontaktpersonu", "Add contact person", "Добавить контактное лицо";
    RemoveContact => "Noņemt kontaktpersonu", "Remove contact person", "Удалить контактное лицо";
    ContactName => "Vārds, uzvārds", "Full name", "Имя и фамилия";
    Position => "Amats", "Position", "Должность";
    Phone => "Tālrunis", "Phone", "Телефон";
    AddPhone => "+ tālrunis", "+ phone", "+ телефон";
    EmailLabel => "E-pasts", "E-mail", "Эл. почта";
    AddEmail => "+ e-pasts", "+ e-mail", "+ эл. почта";
    Birthday => "Dzimšanas diena", "Birthday", "День рождения";
    Notes => "Piezīmes", "Notes", "Заметки";
    Save => "Saglabāt", "Save", "Сохранить";
    Saving => "Saglabā…", "Saving…", "Сохранение…";
    Cancel => "Atcelt", "Cancel", "Отмена";
    Edit => "Labot", "Edit", "Изменить";
    CardTitle => "Klienta kartīte", "Client card", "Карточка клиента";
    SkipToContent => "Pāriet uz saturu", "Skip to content", "Перейти к содержимому";
    Archive => "Arhivēt", "Archive", "В архив";
    Restore => "Atjaunot", "Restore", "Восстановить";
    Archived => "Arhivēts", "Archived", "В архиве";
    CreatedBy => "Izveidoja {who}, {when}", "Created by {who}, {when}", "Создал(а) {who}, {when}";
    UpdatedBy => "Pēdējo reizi mainīja {who}, {when}", "Last changed by {who}, {when}", "Последнее изменение: {who}, {when}";

    NewUser => "Jauns lietotājs", "New user", "Новый пользователь";
    CreateUser => "Izveidot lietotāju", "Create user", "Создать пользователя";
    Role => "Loma", "Role", "Роль";
    RoleManager => "Klientu menedžeris", "Account manager", "Менеджер по работе с клиентами";
    RoleHead => "Nodaļas vadītājs", "Head of department", "Руководитель отдела";
    RoleDirector => "Direktors", "Director", "Директор";
    RoleLogistics => "Loģistika", "Logistics", "Логистика";
    RoleAccounting => "Grāmatvedība", "Accounting", "Бухгалтерия";
    ShipmentsStopped => "Piegādes apturētas", "Shipments stopped", "Отгрузки остановлены";
    StoppedBy => "{name}, {date}", "{name}, {date}", "{name}, {date}";
    StopShipments => "Apturēt piegādes", "Stop shipments", "Остановить отгрузки";
    ResumeShipments => "Atsākt piegādes", "Resume shipments", "Возобновить отгрузки";
    StopReason => "Iemesls", "Reason", "Причина";
    NavImport => "Dokumenti", "Documents", "Документы";
    FailNothingOverdue => "Nekas vairs nav kavēts: atgādinājums netika sūtīts", "Nothing is overdue any more: no reminder was sent", "Просрочки больше нет: напоминание не отправлено";
    CompanyTitle => "Uzņēmuma rekvizīti", "Company details", "Реквизиты компании";
    CompanyName => "Nosaukums", "Name", "Название";
    CompanyBank => "Banka un konts", "Bank and account", "Банк и счёт";
    CompanySaved => "Rekvizīti saglabāti", "Details saved", "Реквизиты сохранены";
    LettersTitle => "Vēstules par norēķiniem", "Letters about the account", "Письма о расчётах";
    StatementMonth => "Salīdzināšanas akta mēnesis", "Statement month", "Месяц акта сверки";
    LetterTo => "Kam", "To", "Кому";
    LetterToCard => "Kartītes e-pastam", "The card's e-mail", "На e-mail карточки";
    LetterLanguage => "Valoda", "Language", "Язык";
    SendStatement => "Sūtīt salīdzināšanas aktu", "Send the statement", "Отправить акт сверки";
    SendReminder => "Sūtīt atgādinājumu", "Send a reminder", "Отправить напоминание";
    ReminderLetter => "Atgādinājums", "Reminder", "Напоминание";
    StatementLetter => "Salīdzināšanas akts", "Statement", "Акт сверки";
    LetterQueued => "gaida sūtīšanu", "waiting to be sent", "ждёт отправки";
    LetterSent => "nosūtīts", "sent", "отправлено";
    LetterFailed => "nav nosūtīts", "not sent", "не отправлено";
    LetterConfirmed => "apstiprināts", "confirmed", "подтверждено";
    LetterDisputed => "apstrīdēts", "disputed", "оспорено";
    DisputedFigures => "klients: {theirs}, starpība {difference}", "client: {theirs}, difference {difference}", "клиент: {theirs}, разница {difference}";
    ReconcileTitle => "Salīdzināšana", "Reconciliation", "Сверка";
    ReconcileProgress => "Salīdzināšana par {month}: {done} no {n} klienta|Salīdzināšana par {month}: {done} no {n} klientiem|Salīdzināšana par {month}: {done} no {n} klientiem", "Reconciliation for {month}: {done} of {n} client|Reconciliation for {month}: {done} of {n} clients", "Сверка за {month}: {done} из {n} клиента|Сверка за {month}: {done} из {n} клиентов|Сверка за {month}: {done} из {n} клиентов";
    ReconcileNotSent => "akts nav sūtīts", "no statement sent", "акт не отправлен";
    ReconcileWaiting => "gaida atbildi", "awaiting the answer", "ждёт ответа";
    ReconcileSendAll => "Sūtīt aktus tiem, kam nav sūtīts ({num})", "Send statements to those without one ({num})", "Отправить акты тем, кому не отправлено ({num})";
    ReconcileSending => "Sagatavoti {done} no {total}", "Queued {done} of {total}", "Подготовлено {done} из {total}";
    AccountsTitle => "Klientu norēķini", "Client accounts", "Расчёты с клиентами";
    NavAccounts => "Norēķini", "Accounts", "Расчёты";
    AccountsShow => "Rādīt", "Show", "Показать";
    AccountsAll => "visus", "all", "все";
    AccountsOverdue => "ar kavētiem maksājumiem", "with overdue payments", "с просрочкой";
    AccountBalance => "atlikums {amount}", "balance {amount}", "сальдо {amount}";
    AccountOverdue => "kavēti {amount}", "overdue {amount}", "просрочено {amount}";
    ReminderQueued => "Atgādinājums rindā", "Reminder queued", "Напоминание в очереди";
    ReminderSentToday => "Atgādinājums nosūtīts", "Reminder sent", "Напоминание отправлено";
    ChaseCall => "Zvanīt", "Call", "Позвонить";
    PromiseTitle => "Apsolījums samaksāt", "Promise to pay", "Обещание оплатить";
    PromiseOpen => "Apsolījums", "Promise", "Обещание";
    PromiseAmount => "Summa, EUR", "Amount, EUR", "Сумма, EUR";
    PromiseDue => "Samaksās līdz", "Will pay by", "Оплатит до";
    PromiseSave => "Saglabāt apsolījumu", "Save the promise", "Сохранить обещание";
    PromiseSaved => "Apsolījums saglabāts; zvans ieplānots tā dienā.", "Promise saved; a call is planned on its day.", "Обещание сохранено; звонок запланирован на этот день.";
    PromiseCheckNote => "Pārbaudīt apsolīto maksājumu: {amount}", "Check the promised payment: {amount}", "Проверить обещанный платёж: {amount}";
    PromiseOf => "{amount} līdz {date}", "{amount} by {date}", "{amount} до {date}";
    PromisePending => "Apsolīts", "Promised", "Обещано";
    PromiseKept => "Izpildīts", "Kept", "Выполнено";
    PromiseBroken => "Nav izpildīts", "Broken", "Не выполнено";
    RoleAdmin => "Administrators", "Administrator", "Администратор";
    Department => "Nodaļa", "Department", "Отдел";
    Activate => "Aktivizēt", "Activate", "Активировать";
    Deactivate => "Deaktivizēt", "Deactivate", "Деактивировать";

    ErrRequired => "Obligāts lauks", "Required", "Обязательное поле";
    ErrEndsBeforeStart => "Beigām jābūt pēc sākuma", "The end must be after the start", "Конец должен быть позже начала";
    ErrDateInPast => "Šis datums jau ir pagājis", "This date has already passed", "Эта дата уже прошла";
    ErrSamePerson => "Jāizvēlas cits cilvēks", "Choose someone else", "Выберите другого человека";
    ErrWrongPassword => "Tā nav pašreizējā parole", "That is not the current password", "Это не текущий пароль";
    ErrUnknownMergeField => "Figūriekavās var būt tikai zināmie lauki, piemēram, {client}", "Braces may hold only the known fields, such as {client}", "В фигурных скобках допустимы только известные поля, например {client}";
    ErrTaken => "Šāds nosaukums jau ir", "This name is already taken", "Такое название уже есть";
    ErrFileTooLarge => "Fails ir lielāks par {num} MB", "The file is larger than {num} MB", "Файл больше {num} МБ";
    ErrUnsupportedFile => "Pievienojiet PDF, JPEG vai PNG failu", "Attach a PDF, JPEG or PNG file", "Прикрепите файл PDF, JPEG или PNG";
    ErrUnsupportedCurrency => "Summām jābūt eiro (EUR)", "Amounts must be in euros (EUR)", "Суммы должны быть в евро (EUR)";

    MoneyTitle => "Norēķini", "Receivables", "Расчёты";
    MoneyAny => "Visi norēķini", "Any receivables", "Любые расчёты";
    MoneyFilterOverdue => "Ar kavētu parādu", "With overdue debt", "С просроченным долгом";
    MoneyFilterOverLimit => "Virs kredītlimita", "Over the credit limit", "Сверх кредитного лимита";
    ChaseTitle => "Parādi jāatgādina", "Overdue to chase", "Напомнить о долге";
    ChaseOldest => "vecākais kavēts {n} dienu|vecākais kavēts {n} dienas|vecākais kavēts {n} dienu", "oldest {n} day overdue|oldest {n} days overdue", "старейший просрочен на {n} день|старейший просрочен на {n} дня|старейший просрочен на {n} дней";
    KindReceivables => "Parāds", "Receivables", "Долг";
    MoneyBalance => "Saldo", "Balance", "Сальдо";
    MoneyOverdue => "Kavēts", "Overdue", "Просрочено";
    MoneyPrepaid => "Avanss", "Paid in advance", "Аванс";
    MoneyLimitUse => "izmantoti {num} %", "{num}% used", "использовано {num} %";
    MoneyOverLimit => "pārsniegts", "exceeded", "превышен";
    AgingTitle => "Parāds pēc kavējuma", "Owed by days overdue", "Долг по срокам просрочки";
    AgingNotDue => "Termiņš nav pienācis", "Not yet due", "Срок не наступил";
    Aging1To30 => "1–30 dienas", "1–30 days", "1–30 дней";
    Aging31To60 => "31–60 dienas", "31–60 days", "31–60 дней";
    Aging61To90 => "61–90 dienas", "61–90 days", "61–90 дней";
    AgingOver90 => "Virs 90 dienām", "Over 90 days", "Более 90 дней";
    OpenDocuments => "Neapmaksātie dokumenti", "Open documents", "Неоплаченные документы";
    DaysOverdueN => "kavēts {n} dienu|kavēts {n} dienas|kavēts {n} dienu", "{n} day overdue|{n} days overdue", "просрочка {n} день|просрочка {n} дня|просрочка {n} дней";
    ImportTitle => "Grāmatvedības dokumenti", "Accounting documents", "Бухгалтерские документы";
    ImportIntro => "Rēķini, kredītrēķini un maksājumi no grāmatvedības eksporta (CSV vai XLSX). Tas pats fails vēlreiz neko nemaina; mainīta summa tiek atjaunināta un ierakstīta žurnālā.", "Invoices, credit notes and payments from an accounting system's export (CSV or XLSX). The same file again changes nothing; a changed amount is updated and audited.", "Счета, кредит-ноты и платежи из выгрузки бухгалтерии (CSV или XLSX). Повторная загрузка того же файла ничего не меняет; изменённая сумма обновляется и записывается в журнал.";
    ImportSource => "Avots (grāmatvedības sistēma)", "Source (accounting system)", "Источник (бухгалтерская система)";
    ImportFile => "Fails (CSV vai XLSX)", "File (CSV or XLSX)", "Файл (CSV или XLSX)";
    ImportDecimal => "Decimāldaļu atdalītājs", "Decimal mark", "Десятичный разделитель";
    ImportDecimalComma => "komats: 1 234,56", "comma: 1 234,56", "запятая: 1 234,56";
    ImportDecimalDot => "punkts: 1,234.56", "dot: 1,234.56", "точка: 1,234.56";
    ImportDates => "Datumi", "Dates", "Даты";
    ImportDayFirst => "diena vispirms: 30.11.2026", "day first: 30.11.2026", "сначала день: 30.11.2026";
    ImportMonthFirst => "mēnesis vispirms: 11/30/2026", "month first: 11/30/2026", "сначала месяц: 11/30/2026";
    ImportAsSaved => "kā iepriekš šim avotam", "as before for this source", "как раньше для этого источника";
    ImportColumns => "Kolonnu virsraksti (ja tie atšķiras)", "Column headers (if they differ)", "Заголовки столбцов (если отличаются)";
    ImportPreview => "Pārbaudīt", "Check", "Проверить";
    ImportRun => "Importēt", "Import", "Импортировать";
    ImportReading => "Nolasīts rindu: {num}", "Rows read: {num}", "Прочитано строк: {num}";
    ImportSummary => "Rindas: {rows}. Jauni: {created}, mainīti: {updated}, bez izmaiņām: {unchanged}, atkārtoti: {repeated}, neimportēti: {failed}.", "Rows: {rows}. New: {created}, changed: {updated}, unchanged: {unchanged}, repeated: {repeated}, not imported: {failed}.", "Строк: {rows}. Новых: {created}, изменено: {updated}, без изменений: {unchanged}, повторов: {repeated}, не импортировано: {failed}.";
    ImportWasPreview => "Tikai pārbaude: nekas nav saglabāts.", "Only a check: nothing was saved.", "Только проверка: ничего не сохранено.";
    ImportLine => "{line}. rinda", "line {line}", "строка {line}";
    ImportMoreProblems => "… un vēl {num}", "… and {num} more", "… и ещё {num}";
    ImportNotUtf8 => "Saglabājiet failu UTF-8 kodējumā (Excel: «CSV UTF-8»)", "Save the file as UTF-8 (Excel: “CSV UTF-8”)", "Сохраните файл в кодировке UTF-8 (Excel: «CSV UTF-8»)";
    ImportOnline => "Importam vajag savienojumu ar serveri.", "Importing needs a connection to the server.", "Для импорта нужно соединение с сервером.";
    ApiTokensTitle => "API atslēgas", "API tokens", "API-токены";
    ApiTokensIntro => "Grāmatvedības sistēma var pati sūtīt dokumentus JSON formātā, piemēram, katru nakti, ar savu atslēgu. Atslēgas nosaukums ir sistēmas nosaukums un importa avots; tās pašas summas vēlreiz neko nemaina.", "An accounting system can push its documents as JSON itself, nightly for example, with its own token. The token's name is the system's name and the import's source; the same amounts again change nothing.", "Бухгалтерская система может сама отправлять документы в формате JSON, например каждую ночь, со своим токеном. Название токена — название системы и источник импорта; те же суммы повторно ничего не меняют.";
    ApiTokensNone => "Atslēgu vēl nav.", "No tokens yet.", "Токенов пока нет.";
    ApiTokenName => "Grāmatvedības sistēmas nosaukums", "Accounting system's name", "Название бухгалтерской системы";
    ApiTokenCreate => "Izveidot atslēgu", "Create token", "Создать токен";
    ApiTokenRevoke => "Atsaukt", "Revoke", "Отозвать";
    ApiTokenCreated => "Izveidota", "Created", "Создан";
    ApiTokenLastUsed => "Pēdējo reizi lietota", "Last used", "Последнее использование";
    ApiTokenNeverUsed => "vēl nav lietota", "not used yet", "ещё не использовался";
    ApiTokenSecretOnce => "nokopējiet atslēgu tagad: tā vairs netiks rādīta (Kartotēka glabā tikai tās nospiedumu).", "copy the token now: it will not be shown again (Kartoteka keeps only its fingerprint).", "скопируйте токен сейчас: он больше не будет показан (Картотека хранит только его отпечаток).";
    ApiTokenEndpoint => "Adrese", "Endpoint", "Адрес";
    ApiTokenExample => "Piemērs", "Example", "Пример";
    ColKind => "veids", "type", "тип";
    ColNumber => "numurs", "number", "номер";
    ColClient => "klients", "client", "клиент";
    ColDate => "datums", "date", "дата";
    ColDue => "termiņš", "due date", "срок оплаты";
    ColAmount => "summa", "amount", "сумма";
    ColCurrency => "valūta", "currency", "валюта";
    ColReference => "atsauce", "reference", "ссылка";
    RowMissing => "nav aizpildīts: {column}", "{column} is empty", "не заполнено: {column}";
    RowUnknownKind => "nezināms dokumenta veids «{value}»", "unknown document type “{value}”", "неизвестный тип документа «{value}»";
    RowBadAmount => "summa «{value}» nav skaitlis šī faila formātā", "amount “{value}” is not a number in this file's format", "сумма «{value}» не число в формате этого файла";
    RowBadDate => "{column} «{value}» nav datums šī faila formātā", "{column} “{value}” is not a date in this file's format", "{column} «{value}» не дата в формате этого файла";
    RowBadClient => "«{value}» nav derīgs reģistrācijas numurs", "“{value}” is not a valid registration number", "«{value}» не является действительным рег. номером";
    RowUnknownClient => "nav klienta «{value}»", "no client “{value}”", "нет клиента «{value}»";
    RowConflicting => "dokuments {number} jau ir {line}. rindā ar citu summu", "document {number} is on line {line} with another amount", "документ {number} уже есть в строке {line} с другой суммой";
    RowOtherClient => "dokuments {number} iepriekš importēts citam klientam", "document {number} was imported before for another client", "документ {number} ранее импортирован для другого клиента";
    RowUnreadable => "rindu nevar nolasīt", "the row cannot be read", "строку невозможно прочитать";
    ErrMergeFieldNotHere => "Tēmā nevar būt vairākrindu lauki ({lines}, {conditions}, {points})", "A subject cannot hold fields of several lines ({lines}, {conditions}, {points})", "Тема не может содержать многострочные поля ({lines}, {conditions}, {points})";
    PasswordTitle => "Parole", "Password", "Пароль";
    PasswordCurrent => "Pašreizējā parole", "Current password", "Текущий пароль";
    PasswordNew => "Jaunā parole", "New password", "Новый пароль";
    PasswordRepeat => "Jaunā parole vēlreiz", "New password again", "Новый пароль ещё раз";
    PasswordChange => "Mainīt paroli", "Change password", "Сменить пароль";
    PasswordChanged => "Parole nomainīta; citās ierīcēs jāpiesakās no jauna", "Password changed; your other devices must sign in again", "Пароль изменён; на других устройствах нужно войти заново";
    PasswordMismatch => "Paroles nesakrīt", "The passwords differ", "Пароли не совпадают";
    PasswordMustChange => "Administrators jums izsniedza pagaidu paroli. Izvēlieties savu, lai turpinātu.", "An administrator gave you a temporary password. Choose your own to continue.", "Администратор выдал вам временный пароль. Выберите свой, чтобы продолжить.";
    PasswordReset => "Izsniegt pagaidu paroli", "Issue a temporary password", "Выдать временный пароль";
    PasswordResetDone => "Pagaidu parole (parādīta vienreiz; lietotājam tā jānomaina, piesakoties):", "Temporary password (shown once; the user must change it at sign-in):", "Временный пароль (показан один раз; пользователь сменит его при входе):";
    ErrTakenElsewhere => "Kartīte ar šo numuru jau ir cita kolēģa portfelī; jautājiet vadītājam", "A card with this number is in another colleague's portfolio; ask your head", "Карточка с этим номером уже есть в портфеле другого коллеги; спросите руководителя";
    ErrRangeTooLong => "Periods nevar būt garāks par {n} dienu|Periods nevar būt garāks par {n} dienām|Periods nevar būt garāks par {n} dienām", "The period cannot be longer than {n} day|The period cannot be longer than {n} days", "Период не может быть длиннее {n} дня|Период не может быть длиннее {n} дней|Период не может быть длиннее {n} дней";
    ErrMalformed => "Izmaiņu nevarēja nolasīt", "The change could not be read", "Изменение не удалось прочитать";
    ErrTooLong => "Ne vairāk kā {n} rakstzīme|Ne vairāk kā {n} rakstzīmes|Ne vairāk kā {n} rakstzīmju", "At most {n} character|At most {n} characters", "Не более {n} символа|Не более {n} символов|Не более {n} символов";
    ErrPhone => "Nederīgs tālruņa numurs", "Not a valid phone number", "Неверный номер телефона";
    ErrPhoneRulesNotLoaded => "Tālruņa numuru vēl nevar pārbaudīt: tā noteikumi nav ielādēti. Pārbaudiet savienojumu un mēģiniet vēlreiz.", "The phone number cannot be checked yet: its rules have not loaded. Check the connection and try again.", "Номер телефона пока нельзя проверить: его правила не загружены. Проверьте соединение и попробуйте снова.";
    ErrEmail => "Nederīga e-pasta adrese", "Not a valid e-mail address", "Неверный адрес эл. почты";
    ErrRegNoFormat => "Reģistrācijas numuram jābūt 11 cipariem", "A registration number has 11 digits", "Регистрационный номер состоит из 11 цифр";
    ErrRegNoChecksum => "Reģistrācijas numurā ir kļūda (nesakrīt kontrolcipars)", "This registration number has a typo (check digit does not match)", "В регистрационном номере ошибка (не совпадает контрольная цифра)";
    ErrVat => "PVN numuram jābūt LV un 11 cipariem", "A VAT number is LV followed by 11 digits", "Номер НДС: LV и 11 цифр";
    ErrAmount => "Ievadiet summu, piem., 1500,00", "Enter an amount, e.g. 1500.00", "Введите сумму, напр. 1500,00";
    ErrNegative => "Summa nevar būt negatīva", "The amount cannot be negative", "Сумма не может быть отрицательной";
    ErrDecimals => "Ne vairāk kā 2 cipari aiz komata", "At most 2 decimals", "Не более 2 знаков после запятой";
    ErrTooLarge => "Pārāk liela summa", "The amount is too large", "Слишком большая сумма";
    ErrDays => "Vesels dienu skaits no 0 līdz 365", "A whole number of days from 0 to 365", "Целое число дней от 0 до 365";
    ErrDate => "Nederīgs datums", "Not a valid date", "Неверная дата";
    ErrFutureDate => "Datums nevar būt nākotnē", "The date cannot be in the future", "Дата не может быть в будущем";
    ErrUrl => "Nederīga tīmekļa adrese", "Not a valid web address", "Неверный веб-адрес";
    ErrPasswordShort => "Parolei jābūt vismaz {n} rakstzīmei|Parolei jābūt vismaz {n} rakstzīmēm|Parolei jābūt vismaz {n} rakstzīmēm", "The password needs at least {n} character|The password needs at least {n} characters", "Пароль должен содержать не менее {n} символа|Пароль должен содержать не менее {n} символов|Пароль должен содержать не менее {n} символов";
    ErrTooMany => "Ne vairāk kā {num}", "At most {num}", "Не более {num}";
    ErrFixFields => "Izlabojiet iezīmētos laukus. Nekas netika zaudēts.", "Please fix the marked fields. Nothing was lost.", "Исправьте отмеченные поля. Ничего не потеряно.";
    ErrSignInAgain => "Lūdzu, piesakieties vēlreiz", "Please sign in again", "Пожалуйста, войдите снова";
    ErrForbidden => "Jūsu lomai tas nav atļauts", "Your role does not allow this", "Ваша роль этого не позволяет";
    ErrNotFound => "Nav atrasts (vai nav pieejams jums)", "Not found (or not available to you)", "Не найдено (или недоступно вам)";
    ErrDuplicateRegNo => "Klients ar šo reģistrācijas numuru jau ir kartotēkā", "A client with this registration number is already in the card index", "Клиент с этим регистрационным номером уже есть в картотеке";
    ErrDuplicateEmail => "Šis e-pasts jau tiek izmantots", "This e-mail is already in use", "Этот адрес эл. почты уже используется";
    ErrBadCredentials => "Nepareizs e-pasts vai parole", "Wrong e-mail or password", "Неверный адрес эл. почты или пароль";
    ErrThrottled => "Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet pēc {n} sekundes.|Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet pēc {n} sekundēm.|Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet pēc {n} sekundēm.", "Too many failed attempts. Try again in {n} second.|Too many failed attempts. Try again in {n} seconds.", "Слишком много неудачных попыток. Повторите через {n} секунду.|Слишком много неудачных попыток. Повторите через {n} секунды.|Слишком много неудачных попыток. Повторите через {n} секунд.";
    ErrServer => "Servera kļūda. Mēģiniet vēlreiz; ievadītais ir saglabāts šajā lapā.", "Server error. Try again; what you typed is still here.", "Ошибка сервера. Повторите попытку; введённое сохранено на странице.";
    ErrNetwork => "Nav savienojuma ar serveri. Ievadītais ir saglabāts šajā lapā.", "No connection to the server. What you typed is still here.", "Нет связи с сервером. Введённое сохранено на странице.";

    ErrDuplicateRecord => "Šis ieraksts jau ir saglabāts", "This record is already saved", "Эта запись уже сохранена";
    NavSync => "Sinhronizācija", "Sync", "Синхронизация";
    SyncPending => "Gaida: {num}", "Waiting: {num}", "Ожидают: {num}";
    SyncAllSent => "Viss nosūtīts", "All sent", "Всё отправлено";
    NotifyTitle => "Paziņojumi par termiņiem", "Reminders when steps fall due", "Напоминания о сроках";
    NotifyAsk => "Ieslēgt paziņojumus", "Turn on reminders", "Включить напоминания";
    NotifyOn => "Ieslēgti: kad pienāk plānota soļa laiks, šī ierīce par to paziņos (kamēr lietotne ir atvērta).", "On: this device tells you when a planned step falls due (while the app is open).", "Включены: устройство сообщит, когда наступит срок запланированного шага (пока приложение открыто).";
    NotifyOff => "Izslēgti: termiņi redzami sadaļā Šodien un uz lietotnes ikonas.", "Off: due steps show on Today and on the app's icon.", "Выключены: сроки видны на странице «Сегодня» и на значке приложения.";
    NotifyBlocked => "Pārlūks paziņojumus šai vietnei bloķē; atļaujiet tos pārlūka vietnes iestatījumos.", "The browser blocks notifications for this site; allow them in the browser's site settings.", "Браузер блокирует уведомления для этого сайта; разрешите их в настройках сайта в браузере.";
    NotifyUnsupported => "Šis pārlūks paziņojumus nerāda.", "This browser does not show notifications.", "Этот браузер не показывает уведомления.";
    SyncRefused => "Noraidīta {n} izmaiņa|Noraidītas {n} izmaiņas|Noraidīts {n} izmaiņu", "{n} change refused|{n} changes refused", "Отклонено {n} изменение|Отклонено {n} изменения|Отклонено {n} изменений";
    RejectedCardGone => "(vairs nav šajā ierīcē)", "(no longer on this device)", "(больше нет на этом устройстве)";
    SyncNow => "Sinhronizēt tagad", "Sync now", "Синхронизировать";
    SyncRunning => "Sinhronizē…", "Syncing…", "Синхронизация…";
    LastSync => "Pēdējā sinhronizācija: {when}", "Last sync: {when}", "Последняя синхронизация: {when}";
    NeverSynced => "Vēl nav sinhronizēts", "Not synced yet", "Ещё не синхронизировано";
    SyncFailed => "Sinhronizācija neizdevās: {why}", "Sync failed: {why}", "Синхронизация не удалась: {why}";
    RejectedTitle => "Serveris noraidīja šīs izmaiņas", "Changes the server refused", "Изменения, отклонённые сервером";
    NoRejected => "Noraidītu izmaiņu nav", "No refused changes", "Отклонённых изменений нет";
    RejectedCard => "Kartīte", "Card", "Карточка";
    RejectedCall => "Zvans", "Call", "Звонок";
    RejectedConflict => "Konflikts", "Conflict", "Конфликт";
    StorageUsed => "Ierīcē aizņemts {used} no {quota}", "Used on this device: {used} of {quota}", "Занято на устройстве: {used} из {quota}";
    StoragePersistent => "Pārlūks glabās bezsaistes datus", "The browser keeps the offline data", "Браузер сохранит офлайн-данные";
    StorageNotPersistent => "Pārlūks var dzēst bezsaistes datus, ja pietrūkst vietas. Sinhronizējiet bieži.", "The browser may delete offline data when space runs low. Sync often.", "Браузер может удалить офлайн-данные при нехватке места. Синхронизируйте чаще.";
    FirstDownload => "Lejupielādē klientus: {done}", "Downloading clients: {done}", "Загрузка клиентов: {done}";
    FirstDownloadLeft => "vēl {num}", "{num} to go", "ещё {num}";
    UpdateReady => "Ir jauna versija", "A new version is ready", "Доступна новая версия";
    ReloadToUpdate => "Pārlādēt", "Reload to update", "Обновить";
    SignOutPending => "{n} izmaiņa vēl nav nosūtīta. Izrakstoties no ierīces, tā tiks dzēsta.|{n} izmaiņas vēl nav nosūtītas. Izrakstoties no ierīces, tās tiks dzēstas.|{n} izmaiņu vēl nav nosūtīts. Izrakstoties no ierīces, tās tiks dzēstas.", "{n} change has not been sent yet. Signing out deletes it from this device.|{n} changes have not been sent yet. Signing out deletes them from this device.", "{n} изменение ещё не отправлено. При выходе оно будет удалено с устройства.|{n} изменения ещё не отправлены. При выходе они будут удалены с устройства.|{n} изменений ещё не отправлено. При выходе они будут удалены с устройства.";
    SyncFirst => "Vispirms sinhronizēt", "Sync first", "Сначала синхронизировать";
    SignOutAnyway => "Izrakstīties tik un tā", "Sign out anyway", "Всё равно выйти";
    Calls => "Zvani", "Calls", "Звонки";
    LogCall => "Reģistrēt zvanu", "Log a call", "Записать звонок";
    NoCalls => "Zvanu vēl nav", "No calls yet", "Звонков пока нет";
    CallOutcome => "Rezultāts", "Outcome", "Результат";
    CallDirection => "Virziens", "Direction", "Направление";
    DirOutgoing => "Izejošais", "Outgoing", "Исходящий";
    DirIncoming => "Ienākošais", "Incoming", "Входящий";
    OutConnected => "Sazvanīts", "Connected", "Дозвонились";
    OutNoAnswer => "Neatbild", "No answer", "Не отвечает";
    OutBusy => "Aizņemts", "Busy", "Занято";
    OutLeftMessage => "Atstāta ziņa", "Left a message", "Оставлено сообщение";
    OutWrongNumber => "Nepareizs numurs", "Wrong number", "Неверный номер";
    OutCallBackLater => "Zvanīt vēlāk", "Call back later", "Перезвонить позже";
    NavToday => "Šodien", "Today", "Сегодня";
    TodayTitle => "Šodien", "Today", "Сегодня";
    QuotaCalls => "Zvani", "Calls", "Звонки";
    QuotaPhoneOffers => "Piedāvājumi pa tālruni", "Phone offers", "Предложения по телефону";
    ColdClients => "Klienti bez kontakta", "Clients gone quiet", "Клиенты без контакта";
    NoColdClients => "Visi klienti sazvanīti laikā.", "Every client has been contacted in time.", "Со всеми клиентами связались вовремя.";
    ColdMore => "Vēl {n} gaida rītdienu.|Vēl {n} gaida rītdienu.|Vēl {n} gaida rītdienu.", "{n} more waits for tomorrow.|{n} more wait for tomorrow.", "Ещё {n} ждёт завтра.|Ещё {n} ждут завтра.|Ещё {n} ждут завтра.";
    QuietDays => "{n} diena bez kontakta|{n} dienas bez kontakta|{n} dienu bez kontakta", "{n} day without contact|{n} days without contact", "{n} день без контакта|{n} дня без контакта|{n} дней без контакта";
    Birthdays => "Dzimšanas dienas šonedēļ", "Birthdays this week", "Дни рождения на этой неделе";
    NoBirthdays => "Šonedēļ dzimšanas dienu nav.", "No birthdays this week.", "На этой неделе дней рождения нет.";
    BirthdaysMore => "Rādīt vēl {n} dzimšanas dienu|Rādīt vēl {n} dzimšanas dienas|Rādīt vēl {n} dzimšanas dienu", "Show {n} more birthday|Show {n} more birthdays", "Показать ещё {n} день рождения|Показать ещё {n} дня рождения|Показать ещё {n} дней рождения";
    BirthdayToday => "šodien", "today", "сегодня";
    BirthdayInDays => "pēc {n} dienas|pēc {n} dienām|pēc {n} dienām", "in {n} day|in {n} days", "через {n} день|через {n} дня|через {n} дней";
    CallNow => "Zvanīt", "Call", "Позвонить";
    CallAnalysis => "Zvanu analīze", "Call analysis", "Анализ звонков";
    PeriodDay => "Šodien", "Today", "Сегодня";
    PeriodWeek => "Šonedēļ", "This week", "На этой неделе";
    PeriodMonth => "Šomēnes", "This month", "В этом месяце";
    ConnectRate => "Sazvanīti", "Connect rate", "Дозвонились";
    AvgTalk => "Vidējais sarunas ilgums", "Average talk time", "Средняя длительность разговора";
    ClientsCalled => "Zvanīti klienti", "Clients called", "Клиентов обзвонено";
    CallsPerClient => "Zvani uz klientu", "Calls per client", "Звонков на клиента";
    DaysTargetMet => "Dienas ar izpildītu zvanu mērķi", "Days the call target was met", "Дни с выполненной целью звонков";
    NotContacted => "Klienti bez zvana periodā", "Clients not contacted", "Клиенты без звонка за период";
    ByOutcome => "Zvani pēc rezultāta", "Calls by outcome", "Звонки по результату";
    ByKind => "Zvani pēc veida", "Calls by type", "Звонки по типу";
    DownloadCsv => "Lejupielādēt CSV", "Download CSV", "Скачать CSV";
    SaveToContacts => "Saglabāt tālruņa kontaktos (.vcf)", "Save to phone contacts (.vcf)", "Сохранить в контакты телефона (.vcf)";
    AddToCalendar => "Visi atgādinājumi kalendārā (.ics)", "All follow-ups to the calendar (.ics)", "Все напоминания в календарь (.ics)";
    DownloadFailed => "Pārlūks neļāva saglabāt failu; mēģiniet vēlreiz", "The browser did not let the file be saved; try again", "Браузер не дал сохранить файл; попробуйте ещё раз";
    IncomingTitle => "Ienākošais zvans, vēstule vai apmeklējums", "Incoming call, e-mail or visit", "Входящий звонок, письмо или визит";
    IncomingWho => "Tālrunis vai e-pasts", "Phone or e-mail", "Телефон или e-mail";
    IncomingReason => "Iemesls (ja jauns)", "Reason (if new)", "Причина (если новый)";
    IncomingFind => "Atrast", "Find", "Найти";
    IncomingNotNumber => "Tas nav tālruņa numurs vai e-pasta adrese.", "That is not a phone number or an e-mail address.", "Это не номер телефона и не адрес e-mail.";
    IncomingUnknown => "Nav zināms neviens klients ar šo kontaktu.", "No client is known with this contact.", "Клиент с таким контактом не найден.";
    IncomingNewProspect => "Izveidot potenciālā klienta karti", "Create a prospect card", "Создать карточку потенциального клиента";
    HowDidTheCallGo => "Kā gāja zvans?", "How did the call go?", "Как прошёл звонок?";
    CallKindLabel => "Zvana veids", "Call type", "Тип звонка";
    KindOrdinary => "Parasts", "Ordinary", "Обычный";
    KindPhoneOffer => "Piedāvājums pa tālruni", "Phone offer", "Предложение по телефону";
    KindNegotiation => "Pārrunas", "Negotiation", "Переговоры";
    KindComplaint => "Sūdzība", "Complaint", "Жалоба";
    KindGreeting => "Apsveikums", "Greeting", "Поздравление";
    CallDuration => "Ilgums (m:ss)", "Duration (m:ss)", "Длительность (м:сс)";
    CallNote => "Piezīme", "Note", "Заметка";
    CallWhen => "Laiks", "Time", "Время";
    SaveCall => "Saglabāt zvanu", "Save call", "Сохранить звонок";
    CallSaved => "Zvans saglabāts", "Call saved", "Звонок сохранён";
    NotSentYet => "vēl nav nosūtīts", "not sent yet", "ещё не отправлено";
    ConflictsTitle => "Vienlaikus mainīts", "Changed at the same time", "Изменено одновременно";
    PricesTitle => "Cenrādis", "Price list", "Прайс-лист";
    ManagePrices => "Cenrādis", "Price list", "Прайс-лист";
    PriceSearch => "Meklēt preci (kods, nosaukums, grupa)", "Find an item (code, name, group)", "Найти товар (код, название, группа)";
    NoPriceItems => "Cenrādis vēl nav ielādēts.", "No price list has been imported yet.", "Прайс-лист ещё не загружен.";
    PriceNarrow => "Rādītas pirmās 50 preces; precizējiet meklēšanu.", "The first 50 items are shown; narrow the search.", "Показаны первые 50 товаров; уточните поиск.";
    PriceImportTitle => "Cenrāža ielāde", "Import the price list", "Загрузка прайс-листа";
    PriceImportIntro => "Uzņēmuma sistēmas eksports (CSV vai XLSX) ar virsrakstu rindu: Kods, Nosaukums, pēc izvēles Grupa un Mērvienība, un pa kolonnai katram cenu veidam (pirmais ir bāzes cena). Preces, kuru failā vairs nav, tiek izņemtas no piedāvājuma.", "An export of the firm's system (CSV or XLSX) with a header row: Code, Name, optionally Group and Unit, and a column per price type (the first is the base price). Items no longer in the file are withdrawn.", "Выгрузка из системы фирмы (CSV или XLSX) со строкой заголовков: Код, Наименование, по желанию Группа и Единица, и по столбцу на каждый тип цены (первый — базовая цена). Товары, которых больше нет в файле, снимаются с предложения.";
    PriceImportOnline => "Cenrādi ielādē serveris: vajag tīklu.", "The server imports the price list: a network is needed.", "Прайс-лист загружает сервер: нужна сеть.";
    PriceFile => "Cenrāža fails", "Price list file", "Файл прайс-листа";
    PriceImportRun => "Ielādēt cenrādi", "Import the price list", "Загрузить прайс-лист";
    PriceImportBusy => "Serveris lasa cenrādi…", "The server is reading the price list…", "Сервер читает прайс-лист…";
    PriceColumnCode => "Kods", "Code", "Код";
    PriceColumnName => "Nosaukums", "Name", "Наименование";
    PriceHeaderMissing => "Virsrakstu rindā nav kolonnas «{column}».", "The header row has no “{column}” column.", "В строке заголовков нет столбца «{column}».";
    PriceHeaderNoType => "Virsrakstu rindā nav nevienas cenu veida kolonnas.", "The header row has no price type column.", "В строке заголовков нет ни одного столбца типа цены.";
    PriceHeaderTooManyTypes => "Pārāk daudz cenu veidu: ne vairāk kā {max}.", "Too many price types: at most {max}.", "Слишком много типов цен: не более {max}.";
    PriceHeaderTooManyItems => "Pārāk daudz preču: ne vairāk kā {max}.", "Too many items: at most {max}.", "Слишком много товаров: не более {max}.";
    PriceHeaderRepeated => "Kolonna «{column}» atkārtojas.", "The column “{column}” appears twice.", "Столбец «{column}» повторяется.";
    PriceReportCounts => "Preces failā: {items}. Jaunas: {added}, mainītas: {changed}, bez izmaiņām: {unchanged}, izņemtas: {withdrawn}.", "Items in the file: {items}. New: {added}, changed: {changed}, unchanged: {unchanged}, withdrawn: {withdrawn}.", "Товаров в файле: {items}. Новых: {added}, изменённых: {changed}, без изменений: {unchanged}, снятых: {withdrawn}.";
    PriceReportTypes => "Cenu veidi: {types}.", "Price types: {types}.", "Типы цен: {types}.";
    PriceReportBad => "Rindas ar kļūdām: {num}. Izlabojiet tās failā un ielādējiet vēlreiz.", "Lines with errors: {num}. Correct them in the file and import it again.", "Строк с ошибками: {num}. Исправьте их в файле и загрузите снова.";
    PriceReportWritten => "Cenrādis saglabāts; ierīces to saņems nākamajā sinhronizācijā.", "The price list is saved; devices receive it with their next sync.", "Прайс-лист сохранён; устройства получат его при следующей синхронизации.";
    PriceReportNotWritten => "Nekas nav saglabāts.", "Nothing was saved.", "Ничего не сохранено.";
    ListPriceOfType => "Cenrādī: {price} (cenu veids «{type}»)", "Price list: {price} (price type “{type}”)", "По прайс-листу: {price} (тип цены «{type}»)";
    ListPriceBase => "Cenrādī: {price} (bāzes cena)", "Price list: {price} (base price)", "По прайс-листу: {price} (базовая цена)";
    ConflictOnContract => "Līgums {number} · {field}", "Contract {number} · {field}", "Договор {number} · {field}";
    ConflictLine => "{field}: vērtība «{value}» ({who}) tika aizstāta", "{field}: the value “{value}” ({who}) was replaced", "{field}: значение «{value}» ({who}) было заменено";
    RestoreValue => "Atjaunot", "Restore", "Вернуть";
    KeepCurrent => "Paturēt pašreizējo", "Keep current", "Оставить текущее";
    FollowUps => "Nākamie soļi", "Next steps", "Следующие шаги";
    FollowUpOverdue => "Nokavēti", "Overdue", "Просрочено";
    FollowUpDueToday => "Šodien jāizdara", "Due today", "На сегодня";
    FollowUpPlanned => "Plāns: {date}", "Plan for {date}", "План на {date}";
    NoFollowUps => "Nekas nav plānots.", "Nothing planned.", "Ничего не запланировано.";
    ActionCall => "Piezvanīt", "Call", "Позвонить";
    ActionProposal => "Nosūtīt piedāvājumu", "Send a proposal", "Отправить предложение";
    ActionMeeting => "Tikties", "Meet", "Встретиться";
    ActionContractDraft => "Nosūtīt līguma projektu", "Send a contract draft", "Отправить проект договора";
    MarkDone => "Izdarīts", "Done", "Сделано";
    DoneOn => "izdarīts {date}", "done {date}", "сделано {date}";
    RetryInTwoHours => "Vēlreiz pēc 2 h", "Again in 2 h", "Ещё раз через 2 ч";
    RetryTomorrow => "Vēlreiz rīt", "Again tomorrow", "Ещё раз завтра";
    CallTomorrow => "Zvanīt rīt", "Call tomorrow", "Позвонить завтра";
    NextStep => "Nākamais solis", "Next step", "Следующий шаг";
    NextStepNone => "Nav", "None", "Нет";
    NextStepWhen => "Kad", "When", "Когда";
    PlanStep => "Plānot", "Plan", "Запланировать";
    StepPlanned => "Solis saplānots", "Step planned", "Шаг запланирован";
    QuotaProposals => "Piedāvājumi e-pastā", "E-mail proposals", "Предложения по e-mail";
    NegotiateNext => "Vest sarunas tālāk", "Negotiate next", "Продолжить переговоры";
    NegotiateNone => "Visiem sazvanītajiem ir nākamais solis.", "Every client reached has a next step.", "У всех, с кем связались, есть следующий шаг.";
    PeriodCustom => "Cits periods", "Custom range", "Другой период";
    PeriodFrom => "No", "From", "С";
    PeriodTo => "Līdz", "To", "По";
    RangeReversed => "Sākuma datums ir pēc beigu datuma.", "The start date is after the end date.", "Дата начала позже даты окончания.";
    NavTeam => "Komanda", "Team", "Команда";
    CoverBannerDeputy => "Jūs aizvietojat: {owner} (līdz {date} ieskaitot)", "You are covering for {owner} (until {date} inclusive)", "Вы замещаете: {owner} (до {date} включительно)";
    CoverBannerOwner => "Jūs aizvieto: {deputy} (līdz {date} ieskaitot)", "{deputy} is covering for you (until {date} inclusive)", "Вас замещает: {deputy} (до {date} включительно)";
    MailNotConfigured => "E-pasta serveris nav iestatīts: piedāvājumi netiek sūtīti (gaida: {num}).", "No mail server is set: proposals are not being sent (waiting: {num}).", "Почтовый сервер не настроен: предложения не отправляются (ожидают: {num}).";
    MailSettingsTitle => "E-pasta iestatījumi", "Mail settings", "Настройки почты";
    MailSettingsLink => "Iestatīt e-pastu", "Set up mail", "Настроить почту";
    MailFromFlags => "Pašlaik darbojas servera palaišanas iestatījumi; saglabātie iestatījumi tos aizstās.", "The server's start-up settings are in force; settings saved here replace them.", "Сейчас действуют параметры запуска сервера; сохранённые здесь настройки заменят их.";
    MailFromPage => "Darbojas šeit saglabātie iestatījumi.", "The settings saved here are in force.", "Действуют настройки, сохранённые здесь.";
    SmtpHost => "SMTP serveris", "SMTP server", "SMTP-сервер";
    SmtpPort => "Ports", "Port", "Порт";
    SmtpSecurityLabel => "Savienojuma aizsardzība", "Connection security", "Защита соединения";
    SecStartTls => "STARTTLS (ports 587)", "STARTTLS (port 587)", "STARTTLS (порт 587)";
    SecTls => "TLS (ports 465)", "TLS (port 465)", "TLS (порт 465)";
    SecPlain => "Bez šifrēšanas (tikai vietējam serverim)", "None (a local relay only)", "Без шифрования (только локальный сервер)";
    SmtpUser => "Lietotājvārds", "User name", "Имя пользователя";
    SmtpPassword => "Parole", "Password", "Пароль";
    SmtpPasswordKept => "Parole ir saglabāta; atstājiet tukšu, lai to paturētu.", "A password is stored; leave this empty to keep it.", "Пароль сохранён; оставьте поле пустым, чтобы не менять его.";
    SmtpPasswordRemove => "Dzēst saglabāto paroli", "Remove the stored password", "Удалить сохранённый пароль";
    MailFrom => "Sūtītāja adrese", "Sender address", "Адрес отправителя";
    MailAsManager => "Sūtīt no katra vadītāja paša adreses", "Send from each manager's own address", "Отправлять с адреса каждого менеджера";
    MailDailyCap => "Vēstules dienā vienam cilvēkam", "Letters a day per person", "Писем в день на человека";
    MailPerMinute => "Vēstules minūtē serverim", "Letters a minute for the server", "Писем в минуту для сервера";
    PublicUrl => "Servera adrese atteikšanās saitēm", "The server's address for unsubscribe links", "Адрес сервера для ссылок отписки";
    SaveMailSettings => "Saglabāt", "Save", "Сохранить";
    MailSettingsSaved => "Saglabāts. Vēstules tiks sūtītas ar šiem iestatījumiem.", "Saved. Letters go out with these settings.", "Сохранено. Письма уходят с этими настройками.";
    CoversTitle => "Aizvietošana", "Deputy cover", "Замещение";
    CoversIntro => "Atvaļinājuma vai slimības laikā aizvietotājs strādā ar klientiem šajā periodā; pēc tam piekļuve beidzas pati.", "During leave or sickness a deputy works the clients for this period; afterwards access ends by itself.", "На время отпуска или болезни заместитель работает с клиентами в этот период; затем доступ прекращается сам.";
    CoverOwner => "Kuru aizvieto", "Who is covered", "Кого замещают";
    CoverDeputy => "Aizvietotājs", "Deputy", "Заместитель";
    CoverFrom => "No", "From", "С";
    CoverTo => "Līdz (ieskaitot)", "Until (inclusive)", "По (включительно)";
    CoverNote => "Nodošanas piezīme", "Handover note", "Заметка о передаче";
    CoverWhole => "Visi klienti", "All clients", "Все клиенты";
    CoverChosen => "Izvēlētie klienti", "Chosen clients", "Выбранные клиенты";
    CoverClientsCount => "{n} klients|{n} klienti|{n} klientu", "{n} client|{n} clients", "{n} клиент|{n} клиента|{n} клиентов";
    CoverCreate => "Iecelt aizvietotāju", "Appoint the deputy", "Назначить заместителя";
    CoverCreated => "Aizvietotājs iecelts", "Deputy appointed", "Заместитель назначен";
    CoverEnd => "Beigt tagad", "End now", "Завершить сейчас";
    CoverEnded => "Beigusies", "Ended", "Завершено";
    CoverRunning => "Notiek", "Running", "Действует";
    CoverPlanned => "Plānota", "Planned", "Запланировано";
    CoversNone => "Aizvietošanu nav", "No covers", "Замещений нет";
    CoversLink => "Aizvietošana atvaļinājuma laikā", "Deputy cover during leave", "Замещение на время отпуска";
    CoverSearchClients => "Meklēt klientus", "Search clients", "Искать клиентов";
    OnBehalfOf => "{who} (aizvietojot {owner})", "{who} (on behalf of {owner})", "{who} (за {owner})";
    OnBehalfBadge => "aizvietotājs", "by a deputy", "заместитель";
    ErrSignedOut => "Šī ierīce tika izrakstīta; tās dati ir dzēsti. Piesakieties vēlreiz.", "This device was signed out and its data deleted. Sign in again.", "Это устройство было отключено, его данные удалены. Войдите снова.";
    DevicesTitle => "Pierakstītās ierīces", "Signed-in devices", "Устройства со входом";
    DevicesShow => "Ierīces", "Devices", "Устройства";
    DeviceThis => "šī ierīce", "this device", "это устройство";
    DeviceSignedIn => "Pieteicās", "Signed in", "Вход";
    DeviceLastSeen => "Pēdējoreiz redzēta", "Last seen", "Последняя активность";
    DeviceLastSync => "Pēdējā sinhronizācija", "Last sync", "Последняя синхронизация";
    DeviceNever => "vēl nav", "not yet", "ещё нет";
    DeviceSignOut => "Izrakstīt", "Sign out", "Отключить";
    DevicesNone => "Nav pierakstītu ierīču", "No signed-in devices", "Нет устройств со входом";
    ReviewTitle => "Darbs pārskatīšanai", "Work to review", "Работа на проверку";
    ReviewIntro => "Nenosūtītās izmaiņas no ierīcēm, kuras izrakstīja vai kuru lietotājus deaktivēja.", "Unsent changes from devices that were signed out or whose users were deactivated.", "Неотправленные изменения с устройств, из которых вышли или чьих пользователей деактивировали.";
    InsecureContext => "Savienojums nav drošs (nav HTTPS): šeit lietotne nevar strādāt bezsaistē un nevar tikt instalēta, un ievadītais tiek sūtīts neaizsargāts. Atveriet to ar https://.", "This connection is not secure (no HTTPS): here the app cannot work offline or be installed, and what you type travels unprotected. Open it with https://.", "Соединение не защищено (нет HTTPS): здесь приложение не может работать офлайн и устанавливаться, а введённое передаётся без защиты. Откройте его по https://.";
    OfflineNoRoom => "Bez tīkla Kartotēka šajā ierīcē neatvērsies: pārlūkam nepietiek vietas, lai to saglabātu. Atbrīvojiet vietu ierīcē un pārlādējiet lapu, kamēr ir tīkls.", "Without a network, Kartoteka will not open on this device: the browser has no room to store it. Free some space on the device and reload the page while you are online.", "Без сети Картотека на этом устройстве не откроется: браузеру не хватает места, чтобы её сохранить. Освободите место на устройстве и перезагрузите страницу, пока есть сеть.";
    OfflineNotKept => "Bez tīkla Kartotēka šajā ierīcē vēl neatvērsies: to neizdevās saglabāt ierīcē. Kad tīkls atgriezīsies, tā mēģinās vēlreiz; ja šis paziņojums paliek, pārlādējiet lapu, kamēr ir tīkls.", "Without a network, Kartoteka will not open on this device yet: it could not be saved on the device. It tries again when the network returns; if this notice stays, reload the page while you are online.", "Без сети Картотека на этом устройстве пока не откроется: её не удалось сохранить на устройстве. Когда сеть вернётся, она попробует снова; если это сообщение не исчезнет, перезагрузите страницу, пока есть сеть.";
    ReviewHidden => "Vērtības nav redzamas: klients nav jūsu pārziņā", "Values not shown: not a client you work", "Значения скрыты: клиент не в вашем ведении";
    ReviewDone => "Izskatīts", "Reviewed", "Проверено";
    ReviewNone => "Nekā nav", "Nothing to review", "Нечего проверять";
    ActSessionRevoke => "izrakstīja ierīci", "signed a device out", "отключил(а) устройство";
    ActReviewDone => "izskatīja darbu", "reviewed work", "проверил(а) работу";
    HistoryTitle => "Izmaiņu vēsture", "History of changes", "История изменений";
    HistoryShow => "Rādīt vēsturi", "Show history", "Показать историю";
    HistoryEmpty => "Izmaiņu vēl nav", "No changes yet", "Изменений пока нет";
    AuditTitle => "Audits", "Audit", "Аудит";
    AuditLink => "Audits: kas ko mainīja", "Audit: who changed what", "Аудит: кто что менял";
    AuditPerson => "Cilvēks", "Person", "Сотрудник";
    AuditEveryone => "Visi", "Everyone", "Все";
    AuditSearch => "Meklēt", "Search", "Искать";
    AuditNothing => "Šajā periodā nekā nav", "Nothing in this period", "За этот период ничего нет";
    AuditDevice => "Ierīce", "Device", "Устройство";
    AuditReceived => "Saņemts", "Received", "Получено";
    ActClientCreate => "izveidoja kartīti", "created the card", "создал(а) карточку";
    ActClientUpdate => "mainīja kartīti", "changed the card", "изменил(а) карточку";
    ActClientArchive => "arhivēja kartīti", "archived the card", "архивировал(а) карточку";
    ActSignIn => "pieteicās", "signed in", "вошёл(ла) в систему";
    ActExport => "eksportēja klientu sarakstu", "exported the client list", "выгрузил(а) список клиентов";
    ActCoverCreate => "iecēla aizvietotāju", "appointed a deputy", "назначил(а) заместителя";
    ActCoverEnd => "beidza aizvietošanu", "ended a cover", "завершил(а) замещение";
    ActUserCreate => "izveidoja lietotāju", "created a user", "создал(а) пользователя";
    ActUserActive => "mainīja lietotāja statusu", "changed a user's status", "изменил(а) статус пользователя";
    ActTargets => "mainīja mērķus", "changed targets", "изменил(а) цели";
    ActExportRight => "mainīja eksporta tiesības", "changed the export permission", "изменил(а) право выгрузки";
    ActDepartment => "mainīja nodaļu", "changed a department", "изменил(а) отдел";
    ActOther => "cita darbība", "another action", "другое действие";
    ExportCsv => "Eksportēt CSV", "Export CSV", "Выгрузить CSV";
    ExportXlsx => "Eksportēt XLSX", "Export XLSX", "Выгрузить XLSX";
    ExportDone => "Eksportēts {n} klients|Eksportēti {n} klienti|Eksportēti {n} klientu", "Exported {n} client|Exported {n} clients", "Выгружен {n} клиент|Выгружено {n} клиента|Выгружено {n} клиентов";
    AlsoAdmin => "Arī administrators (lietotāji un iestatījumi)", "Also an administrator (users and settings)", "Также администратор (пользователи и настройки)";
    SaveDepartment => "Saglabāt nodaļu", "Save department", "Сохранить отдел";
    MayExport => "Drīkst eksportēt", "May export", "Может выгружать";

    TeamTitle => "Mana komanda", "My team", "Моя команда";
    TargetsTitle => "Mērķi", "Targets", "Цели";
    TargetCalls => "Zvani dienā", "Calls a day", "Звонков в день";
    TargetOffers => "Piedāvājumi pa tālruni dienā", "Phone offers a day", "Предложений по телефону в день";
    TargetProposals => "Piedāvājumi e-pastā dienā", "E-mail proposals a day", "Предложений по e-mail в день";
    TargetContracts => "Jauni līgumi mēnesī", "New-client contracts a month", "Договоров с новыми клиентами в месяц";
    SaveTargets => "Saglabāt mērķus", "Save targets", "Сохранить цели";
    TargetsSaved => "Mērķi saglabāti", "Targets saved", "Цели сохранены";
    TeamReportTitle => "Komandas zvani", "Team calls", "Звонки команды";
    TeamTotal => "Kopā", "Total", "Итого";
    NoTeam => "Jums nav darbinieku, kam noteikt mērķus.", "There is nobody whose targets you set.", "Нет сотрудников, которым вы задаёте цели.";
    Person => "Darbinieks", "Person", "Сотрудник";
    ActionSignContract => "Parakstīt līgumu", "Sign the contract", "Подписать договор";
    ColdAfterTitle => "Klients bez kontakta pēc … dienām (tukšs: nekad)", "A client goes quiet after … days (blank: never)", "Клиент без контакта через … дней (пусто: никогда)";
    MoreNotShown => "Un vēl {num}.", "And {num} more.", "И ещё {num}.";
    QuotaContracts => "Jauni līgumi šomēnes", "New contracts this month", "Новые договоры в этом месяце";

    Proposals => "Piedāvājumi", "Proposals", "Предложения";
    NewProposal => "Jauns piedāvājums", "New proposal", "Новое предложение";
    ProposalTitle => "Piedāvājums", "Proposal", "Предложение";
    NoProposals => "Piedāvājumu vēl nav", "No proposals yet", "Предложений пока нет";
    ProposalTo => "Kam sūtīt", "Send to", "Кому отправить";
    NoEmailContacts => "Nevienai kontaktpersonai nav e-pasta. Pievienojiet to kartītē.", "No contact person has an e-mail. Add one on the card.", "Ни у одного контактного лица нет эл. почты. Добавьте её в карточке.";
    ProposalLanguage => "Piedāvājuma valoda", "Language of the proposal", "Язык предложения";
    LineItem => "Prece vai pakalpojums", "Item", "Товар или услуга";
    LineQuantity => "Daudzums", "Quantity", "Количество";
    LinePrice => "Vienības cena, EUR", "Unit price, EUR", "Цена за единицу, EUR";
    LineDiscount => "Atlaide, %", "Discount, %", "Скидка, %";
    AddLine => "Pievienot pozīciju", "Add line", "Добавить позицию";
    RemoveLine => "Noņemt pozīciju", "Remove line", "Удалить позицию";
    ProposalTotal => "Kopā", "Total", "Итого";
    ValidUntil => "Derīgs līdz", "Valid until", "Действительно до";
    ValidUntilOn => "Derīgs līdz {date}", "Valid until {date}", "Действительно до {date}";
    ProposalNote => "Piezīme", "Note", "Примечание";
    SaveDraft => "Saglabāt melnrakstu", "Save draft", "Сохранить черновик";
    QueueProposal => "Sūtīt", "Send", "Отправить";
    MarkAccepted => "Klients pieņēma", "Client accepted", "Клиент принял";
    MarkDeclined => "Klients atteicās", "Client declined", "Клиент отказался";
    SentOn => "Nosūtīts {when}", "Sent {when}", "Отправлено {when}";
    ProposalFailedHelp => "Pasta serveris piedāvājumu nepieņēma. Izlabojiet to un sūtiet vēlreiz.", "The mail server refused the proposal. Fix it and send it again.", "Почтовый сервер не принял предложение. Исправьте его и отправьте снова.";
    ProposalQueuedHelp => "Serveris piedāvājumu nosūtīs, tiklīdz to saņems no šīs ierīces.", "The server sends the proposal as soon as it has it from this device.", "Сервер отправит предложение, как только получит его с этого устройства.";
    PropDraft => "Melnraksts", "Draft", "Черновик";
    PropQueued => "Gaida nosūtīšanu", "Waiting to be sent", "Ожидает отправки";
    PropSent => "Nosūtīts", "Sent", "Отправлено";
    PropAccepted => "Pieņemts", "Accepted", "Принято";
    PropDeclined => "Noraidīts", "Declined", "Отклонено";
    PropExpired => "Termiņš beidzies", "Expired", "Срок истёк";
    PropFailed => "Neizdevās nosūtīt", "Sending failed", "Не удалось отправить";
    TemplatesTitle => "Piedāvājumu veidnes", "Proposal templates", "Шаблоны предложений";
    NewTemplate => "Jauna veidne", "New template", "Новый шаблон";
    NoTemplates => "Veidņu vēl nav", "No templates yet", "Шаблонов пока нет";
    TemplateName => "Nosaukums", "Name", "Название";
    TemplateSubject => "Tēma", "Subject", "Тема";
    TemplateBody => "Vēstules teksts", "Letter text", "Текст письма";
    TemplateAttachPdf => "Pievienot piedāvājumu PDF formātā", "Attach the proposal as a PDF", "Прикладывать предложение в PDF";
    TemplateArchived => "Arhivēta (jauniem piedāvājumiem vairs nepiedāvā)", "Archived (no longer offered for new proposals)", "В архиве (для новых предложений не предлагается)";
    TemplateArchivedBadge => "Arhīvā", "Archived", "В архиве";
    TemplateFieldsHelp => "Figūriekavās ieraksti laukus, ko aizpildīs katram klientam:", "Put fields in braces; each is filled in for every client:", "Поля в фигурных скобках заполняются для каждого клиента:";
    MergeClient => "klienta nosaukums", "the client's name", "название клиента";
    MergeContact => "kontaktpersona (vai klients)", "the contact person (or the client)", "контактное лицо (или клиент)";
    MergeManager => "jūsu vārds", "your name", "ваше имя";
    MergeLines => "piedāvājuma pozīcijas (tikai tekstā)", "the offer's lines (text only)", "позиции предложения (только в тексте)";
    MergeDiscount => "atlaide", "the discount", "скидка";
    MergeValidUntil => "derīguma termiņš", "the validity date", "срок действия";
    MergeTotal => "kopsumma", "the total", "итоговая сумма";
    MergeRegNo => "klienta reģistrācijas numurs", "the client's registration number", "регистрационный номер клиента";
    MergeAddress => "klienta adrese un pilsēta", "the client's address and city", "адрес и город клиента";
    MergeOwner => "klienta vadītājs (atbildīgais menedžeris)", "the client's account manager", "ответственный менеджер клиента";
    MergeNumber => "līguma numurs", "the contract's number", "номер договора";
    MergeContractKind => "līguma veids (piegādes līgums …)", "the contract's type (supply contract …)", "вид договора (договор поставки …)";
    MergeDate => "melnraksta datums", "the draft's date", "дата черновика";
    MergeValidFrom => "spēkā no", "valid from", "действует с";
    MergeValidTo => "spēkā līdz", "valid until", "действует до";
    MergePriceType => "cenu veids", "the price type", "тип цен";
    MergePaymentDays => "apmaksas termiņš dienās", "payment days", "срок оплаты в днях";
    MergeCreditLimit => "kredītlimits", "the credit limit", "кредитный лимит";
    MergeScheme => "galveno klientu shēma", "the key-client scheme", "схема ключевых клиентов";
    MergeDelivery => "piegādes noteikumi", "the delivery terms", "условия поставки";
    MergeConditions => "īpašie noteikumi (vairākas rindas)", "the special conditions (several lines)", "особые условия (несколько строк)";
    MergePoints => "sarunu punkti, kas nav atmesti (vairākas rindas)", "the negotiated points not dropped (several lines)", "пункты переговоров, кроме отклонённых (несколько строк)";
    TemplatePurposeLabel => "Veidne", "Template for", "Шаблон для";
    PurposeProposal => "Piedāvājuma vēstule", "A proposal's letter", "Письмо с предложением";
    PurposeContract => "Līguma melnraksts", "A contract's draft", "Черновик договора";
    PurposeReminder => "Atgādinājums par maksājumu", "A payment reminder", "Напоминание об оплате";
    MergeOverdue => "kavētā summa", "the overdue amount", "просроченная сумма";
    MergeBalance => "viss parāds", "the whole balance", "весь долг";
    MergeDocuments => "kavētie rēķini, katrs savā rindā", "the overdue invoices, one per line", "просроченные счета, по одному в строке";
    ReminderTemplate => "Atgādinājuma veidne", "Reminder template", "Шаблон напоминания";
    ContractDraft => "Melnraksts no veidnes (PDF)", "Draft from a template (PDF)", "Черновик по шаблону (PDF)";
    ContractDraftMake => "Izveidot melnrakstu", "Make the draft", "Создать черновик";
    ContractDraftLanguage => "Valoda", "Language", "Язык";
    NoContractTemplates => "Līgumu veidņu vēl nav: tās veido vadītājs (Veidnes)", "No contract templates yet: a head makes them (Templates)", "Шаблонов договоров ещё нет: их создаёт руководитель (Шаблоны)";
    ContractDraftOnline => "Melnrakstu veido serveris: vajag tīklu", "The server makes the draft: a network is needed", "Черновик создаёт сервер: нужна сеть";
    TemplatePreview => "Priekšskatījums", "Preview", "Предпросмотр";
    TemplatePreviewIn => "Priekšskatīt valodā", "Preview in", "Предпросмотр на языке";
    SaveTemplate => "Saglabāt veidni", "Save template", "Сохранить шаблон";
    TemplatesOnlineOnly => "Veidnes saglabā serverī: vajag tīklu.", "Templates are saved on the server: a network is needed.", "Шаблоны сохраняются на сервере: нужна сеть.";
    ManageTemplates => "Veidnes", "Templates", "Шаблоны";
    ProposalTemplate => "Veidne", "Template", "Шаблон";
    StandardLetter => "Standarta vēstule", "Standard letter", "Стандартное письмо";
    LetterPreview => "Vēstules priekšskatījums", "Letter preview", "Предпросмотр письма";
    LetterPreviewWaits => "Priekšskatījums parādīsies, kad pozīcijas būs aizpildītas.", "The preview appears once the lines are filled in.", "Предпросмотр появится, когда позиции будут заполнены.";
    SampleClient => "SIA Paraugs", "Sample Ltd", "ООО Образец";
    SampleContact => "Anna Ozola", "Anne Smith", "Анна Озола";
    SampleScheme => "Zelta klients", "Gold client", "Золотой клиент";
    SamplePriceType => "Vairumtirdzniecība", "Wholesale", "Оптовая";
    SampleConditions => "Cenas nemainās līdz ceturkšņa beigām.", "Prices hold until the end of the quarter.", "Цены не меняются до конца квартала.";
    SamplePoint => "Atlaide 5 % no otrā pasūtījuma", "5 % off from the second order", "Скидка 5 % со второго заказа";
    SampleItem => "Bērza finieris 18 mm", "Birch plywood 18 mm", "Берёзовая фанера 18 мм";
    SampleDelivery => "Piegāde", "Delivery", "Доставка";
    StandardLetterPreview => "Standarta vēstule: uzrunā kontaktpersonu vārdā un parāda piedāvājuma tabulu.", "The standard letter: it greets the contact person by name and shows the offer's table.", "Стандартное письмо: обращается к контактному лицу по имени и показывает таблицу предложения.";
    FailOptedOut => "Adresāts atteicies no piedāvājumiem", "The addressee asked not to receive proposals", "Адресат отказался от предложений";
    FailNoAddress => "Nav e-pasta: pievienojiet to kontaktpersonai vai kartītē", "No e-mail address: add one to the contact person or the card", "Нет эл. почты: добавьте её контактному лицу или в карточку";
    FailGone => "Klients vai autors vairs nav atrodams", "The client or the author no longer exists", "Клиента или автора больше нет";
    SchemesTitle => "Atslēgas klientu shēmas", "Key-client schemes", "Схемы для ключевых клиентов";
    ManageSchemes => "Shēmas", "Schemes", "Схемы";
    NewScheme => "Jauna shēma", "New scheme", "Новая схема";
    NoSchemes => "Shēmu vēl nav", "No schemes yet", "Схем пока нет";
    SchemeName => "Nosaukums", "Name", "Название";
    SchemeDiscount => "Atlaide visam, %", "Discount on everything, %", "Скидка на всё, %";
    SchemeGroups => "Atlaides preču grupām", "Discounts per product group", "Скидки по группам товаров";
    SchemeGroup => "Preču grupa", "Product group", "Группа товаров";
    SchemeGroupDiscount => "Atlaide, %", "Discount, %", "Скидка, %";
    AddGroup => "Pievienot grupu", "Add group", "Добавить группу";
    RemoveGroup => "Noņemt grupu", "Remove group", "Удалить группу";
    SchemePaymentDays => "Apmaksas termiņš, dienas", "Payment days", "Срок оплаты, дни";
    SchemeLeadDays => "Piegādes laiks, dienas", "Delivery lead time, days", "Срок поставки, дни";
    SchemeService => "Apkalpošanas līmenis", "Service level", "Уровень обслуживания";
    SchemeConditions => "Īpaši nosacījumi", "Special conditions", "Особые условия";
    SchemeArchived => "Arhivēta (jauniem klientiem vairs nepiedāvā)", "Archived (no longer offered for clients)", "В архиве (клиентам больше не предлагается)";
    SaveScheme => "Saglabāt shēmu", "Save scheme", "Сохранить схему";
    SchemesOnlineOnly => "Shēmas saglabā serverī: vajag tīklu.", "Schemes are saved on the server: a network is needed.", "Схемы сохраняются на сервере: нужна сеть.";
    ClientScheme => "Atslēgas klienta shēma", "Key-client scheme", "Схема ключевого клиента";
    NoScheme => "Nav", "None", "Нет";
    SchemeSummary => "{discount} atlaide", "{discount} off", "скидка {discount}";
    SchemeLead => "piegāde {n} dienā|piegāde {n} dienās|piegāde {n} dienās", "delivery in {n} day|delivery in {n} days", "поставка за {n} день|поставка за {n} дня|поставка за {n} дней";
    SchemeApplies => "Klients ir shēmā “{name}”: pozīciju atlaides ņemtas no tās.", "The client is on the “{name}” scheme: the lines take its discounts.", "Клиент в схеме «{name}»: скидки позиций взяты из неё.";
    LineGroup => "Preču grupa", "Product group", "Группа товаров";
    AnyGroup => "Cita", "Other", "Другая";
    KeyClientsTitle => "Atslēgas klienti", "Key clients", "Ключевые клиенты";
    KeyClientsHelp => "Pēc pieņemto piedāvājumu summas pēdējos 12 mēnešos (līdz būs rēķini).", "By accepted proposals over the last 12 months (until invoices exist).", "По сумме принятых предложений за 12 месяцев (пока нет счетов).";
    KeyClientsByTurnover => "Pēc apgrozījuma pēdējos 12 mēnešos (rēķini mīnus kredītrēķini).", "By turnover over the last 12 months (invoiced less credited).", "По обороту за последние 12 месяцев (счета минус кредит-ноты).";
    KeyClientsEmpty => "Vēl nav neviena pieņemta piedāvājuma.", "No accepted proposal yet.", "Принятых предложений пока нет.";
    KeyClientsAccepted => "{n} pieņemts|{n} pieņemti|{n} pieņemti", "{n} accepted|{n} accepted", "{n} принято|{n} принято|{n} принято";
    ActContractCreate => "sagatavoja līgumu", "drafted a contract", "подготовил(а) договор";
    ActContractUpdate => "mainīja līgumu", "changed a contract", "изменил(а) договор";
    ContractsTitle => "Līgumi", "Contracts", "Договоры";
    NoContracts => "Līgumu vēl nav", "No contracts yet", "Договоров пока нет";
    NewContract => "Jauns līgums", "New contract", "Новый договор";
    ContractTitle => "Līgums", "Contract", "Договор";
    ContractNumber => "Numurs", "Number", "Номер";
    ContractKindLabel => "Veids", "Type", "Тип";
    KindSupply => "Piegādes", "Supply", "Поставка";
    KindService => "Pakalpojumu", "Service", "Услуги";
    KindFramework => "Ietvara", "Framework", "Рамочный";
    KindOther => "Cits", "Other", "Другой";
    ContractStatusLabel => "Stāvoklis", "Status", "Статус";
    CsDraft => "Melnraksts", "Draft", "Черновик";
    CsInReview => "Nosūtīts izskatīšanai", "Sent for review", "Отправлен на рассмотрение";
    CsNegotiating => "Saskaņošanā", "Negotiating", "На согласовании";
    CsSigned => "Parakstīts", "Signed", "Подписан";
    CsActive => "Spēkā", "Active", "Действует";
    CsExpired => "Beidzies", "Expired", "Истёк";
    CsTerminated => "Izbeigts", "Terminated", "Расторгнут";
    SignedOn => "Parakstīts", "Signed on", "Дата подписания";
    ValidFrom => "Spēkā no", "Valid from", "Действует с";
    ValidTo => "Spēkā līdz", "Valid to", "Действует до";
    RenewBy => "Pagarināt līdz", "Agree renewal by", "Продлить до";
    DeliveryTerms => "Piegādes noteikumi", "Delivery terms", "Условия поставки";
    AcceleratedDelivery => "Paātrināta piegāde", "Accelerated delivery", "Ускоренная поставка";
    ContractConditions => "Īpaši nosacījumi", "Special conditions", "Особые условия";
    OpenPoints => "Saskaņojamie punkti", "Points in negotiation", "Пункты на согласовании";
    PointText => "Punkts", "Point", "Пункт";
    PointStateLabel => "Stāvoklis", "State", "Состояние";
    PsOpen => "Atvērts", "Open", "Открыт";
    PsAgreed => "Saskaņots", "Agreed", "Согласован";
    PsDropped => "Atmests", "Dropped", "Снят";
    AddPoint => "Pievienot punktu", "Add point", "Добавить пункт";
    RemovePoint => "Noņemt punktu", "Remove point", "Удалить пункт";
    Obligations => "Līguma saistības", "What the contract obliges", "Обязательства по договору";
    ObligationText => "Saistība", "Obligation", "Обязательство";
    ObligationKindLabel => "Veids", "Type", "Тип";
    OkDelivery => "Piegāde", "Delivery", "Поставка";
    OkTurnover => "Minimālais apgrozījums", "Minimum turnover", "Минимальный оборот";
    OkDocument => "Dokumenti", "Documents", "Документы";
    OkOther => "Cits", "Other", "Другое";
    ObligationDue => "Termiņš", "Due", "Срок";
    ObligationDone => "Izpildīts", "Done", "Выполнено";
    AddObligation => "Pievienot saistību", "Add obligation", "Добавить обязательство";
    RemoveObligation => "Noņemt saistību", "Remove obligation", "Удалить обязательство";
    SaveContract => "Saglabāt līgumu", "Save contract", "Сохранить договор";
    ContractVersions => "Versijas", "Versions", "Версии";
    ContractVersionsOnline => "Versijas redzamas, kad ir tīkls.", "Versions show when online.", "Версии видны при подключении к сети.";
    ScanTitle => "Parakstītā līguma skenējums", "Signed contract scan", "Скан подписанного договора";
    ScanNone => "Skenējums vēl nav pievienots.", "No scan attached yet.", "Скан ещё не прикреплён.";
    ScanAttach => "Pievienot skenējumu (PDF, JPEG, PNG, līdz 10 MB)", "Attach a scan (PDF, JPEG, PNG, up to 10 MB)", "Прикрепить скан (PDF, JPEG, PNG, до 10 МБ)";
    ScanReplace => "Aizstāt skenējumu", "Replace the scan", "Заменить скан";
    ScanOpen => "Atvērt", "Open", "Открыть";
    ScanBy => "{size}, pievienoja {by} {at}", "{size}, attached by {by} {at}", "{size}, прикрепил(а) {by} {at}";
    ScanUploading => "Augšupielādē…", "Uploading…", "Загрузка…";
    ScanOnline => "Skenējumu var pievienot un atvērt, kad ir tīkls.", "The scan can be attached and opened when online.", "Скан можно прикрепить и открыть при подключении к сети.";
    ScanAfterSync => "Skenējumu varēs pievienot, kad līgums būs nosūtīts serverim.", "A scan can be attached once the contract has reached the server.", "Скан можно будет прикрепить, когда договор дойдёт до сервера.";
    OpenPointsN => "{n} atvērts punkts|{n} atvērti punkti|{n} atvērtu punktu", "{n} open point|{n} open points", "{n} открытый пункт|{n} открытых пункта|{n} открытых пунктов";
    TermsFromContract => "No līguma {number}", "From contract {number}", "Из договора {number}";
    TodayContractsEnding => "Līgumi, kas drīz beigsies", "Contracts ending soon", "Договоры, срок которых скоро истекает";
    TodayObligations => "Līguma saistības tuvākajās dienās", "Contract obligations due soon", "Ближайшие обязательства по договорам";
    EndsOn => "beidzas {date}", "ends {date}", "истекает {date}";
    DueOn => "līdz {date}", "by {date}", "до {date}";
    BulkTitle => "Piedāvājums vairākiem klientiem", "A proposal to many clients", "Предложение нескольким клиентам";
    BulkLink => "Sūtīt vairākiem", "Send to many", "Отправить нескольким";
    BulkWho => "Kam", "To whom", "Кому";
    BulkWords => "Vārdi nosaukumā vai kontaktos", "Words in the name or contacts", "Слова в названии или контактах";
    BulkCold => "Tikai atdzisušie", "Only clients gone cold", "Только остывшие";
    BulkFresh => "Bez piedāvājuma šomēnes", "No proposal this month", "Без предложения в этом месяце";
    BulkRecipients => "{n} klients saņems piedāvājumu|{n} klienti saņems piedāvājumu|{n} klientu saņems piedāvājumu", "{n} client will get the proposal|{n} clients will get the proposal", "{n} клиент получит предложение|{n} клиента получат предложение|{n} клиентов получат предложение";
    BulkWithoutEmail => "{n} klientam nav e-pasta, tam nesūtīs|{n} klientiem nav e-pasta, tiem nesūtīs|{n} klientiem nav e-pasta, tiem nesūtīs", "{n} client has no e-mail and is left out|{n} clients have no e-mail and are left out", "У {n} клиента нет эл. почты, ему не отправим|У {n} клиентов нет эл. почты, им не отправим|У {n} клиентов нет эл. почты, им не отправим";
    BulkTooMany => "Pārāk daudz saņēmēju (vairāk nekā {num}): sašauriniet atlasi.", "Too many recipients (more than {num}): narrow the filters.", "Слишком много получателей (больше {num}): сузьте отбор.";
    BulkNobody => "Neviens klients neatbilst atlasei.", "No client matches the filters.", "Ни один клиент не подходит под отбор.";
    BulkPreviews => "Kā vēstules izskatīsies pirmajiem trim", "How the letters read for the first three", "Как письма выглядят для первых трёх";
    BulkSend => "Sūtīt {n} klientam|Sūtīt {n} klientiem|Sūtīt {n} klientiem", "Send to {n} client|Send to {n} clients", "Отправить {n} клиенту|Отправить {n} клиентам|Отправить {n} клиентам";
    BulkQueuing => "Gatavo piedāvājumus: {done} no {total}", "Preparing proposals: {done} of {total}", "Готовим предложения: {done} из {total}";
    BulkDone => "Piedāvājumi gaida nosūtīšanu; statuss mainīsies, kad serveris tos nosūtīs.", "The proposals wait to be sent; their status changes as the server sends them.", "Предложения ждут отправки; статус изменится, когда сервер их отправит.";
    BulkSent => "{n} nosūtīts|{n} nosūtīti|{n} nosūtīti", "{n} sent|{n} sent", "{n} отправлено|{n} отправлено|{n} отправлено";
    BulkFailed => "{n} neizdevās|{n} neizdevās|{n} neizdevās", "{n} failed|{n} failed", "{n} не удалось|{n} не удалось|{n} не удалось";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_present_and_placeholders_match() {
        for key in Key::ALL {
            let texts: Vec<&str> = Language::ALL.iter().map(|l| text(*l, *key)).collect();
            for t in &texts {
                assert!(!t.trim().is_empty(), "{key:?} is empty");
            }
            let holes = |t: &str| {
                let mut v: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string()))
                    .collect();
                kartoteka_core::sort::natural(&mut v);
                // A counted text repeats `{n}` once per form.
                v.dedup();
                v
            };
            assert_eq!(
                holes(texts[0]),
                holes(texts[1]),
                "{key:?} lv/en placeholders"
            );
            assert_eq!(
                holes(texts[0]),
                holes(texts[2]),
                "{key:?} lv/ru placeholders"
            );
        }
    }

    /// A text with plural forms has as many as its language counts with,
    /// and a text with a count (`{n}`) has its plural forms: "1 days" is
    /// what a text without them shows.
    #[test]
    fn counted_texts_have_every_form() {
        for key in Key::ALL {
            if !Language::ALL
                .iter()
                .any(|l| text(*l, *key).contains('|') || text(*l, *key).contains("{n}"))
            {
                continue;
            }
            for lang in Language::ALL {
                let forms = text(lang, *key).split('|').count();
                assert_eq!(
                    forms,
                    kartoteka_core::plural::forms(lang),
                    "{key:?} in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn latvian_is_not_a_copy_of_english() {
        let same = Key::ALL
            .iter()
            .filter(|k| text(Language::Lv, **k) == text(Language::En, **k))
            .count();
        assert!(same <= 2, "{same} Latvian texts equal the English ones");
    }
}
