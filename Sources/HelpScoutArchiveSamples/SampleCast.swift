/// The people, mailboxes and words the sample archives are made of.
enum SampleCast {
    struct Agent {
        let id: Int64
        let first: String
        let last: String
    }
    struct MailboxInfo {
        let id: Int64
        let name: String
    }
    struct Customer {
        let id: Int64
        let first: String
        let last: String
        var email: String
    }

    static let agents: [Agent] = [
        Agent(id: 301, first: "Ana", last: "Lima"), Agent(id: 302, first: "Ben", last: "Okafor"),
        Agent(id: 303, first: "Chloé", last: "Martin"), Agent(id: 304, first: "Dev", last: "Patel"),
        Agent(id: 305, first: "Erin", last: "Walsh"), Agent(id: 306, first: "Farah", last: "Haddad"),
        Agent(id: 307, first: "Gus", last: "Svensson"), Agent(id: 308, first: "Hana", last: "Satō"),
    ]

    static let mailboxes: [MailboxInfo] = [
        MailboxInfo(id: 101, name: "Support"), MailboxInfo(id: 102, name: "Billing"),
        MailboxInfo(id: 103, name: "Sales"),
    ]

    /// Tag names as people type them: the analytics trim and lower-case them.
    static let tags = [
        "billing", "refund", "bug", "feature-request", "login", "onboarding", "urgent", "VIP", " vip ",
        "integration", "cancellation", "api", "mobile", "invoice",
    ]

    static let firstNames = [
        "Jackie", "Noor", "Mateo", "Yuki", "Olga", "Kwame", "Zoë", "Liam", "Priya", "Tomás", "Aisha", "Finn",
    ]
    static let lastNames = [
        "Chan", "Haddad", "Rossi", "Tanaka", "Ivanova", "Mensah", "Dubois", "Byrne", "Shah", "García", "Bello",
        "Nyberg",
    ]

    static let subjects = [
        "Can't log in after password reset", "Refund for duplicate charge", "Invoice shows the wrong VAT number",
        "API returns 429 on /v2/conversations", "How do I export my data?", "Feature request: dark mode",
        "Mobile app crashes on launch", "Cancel my subscription", "Onboarding call next week?",
        "Webhook deliveries are delayed", "Upgrade to the annual plan", "Two-factor codes not arriving",
    ]

    static let sentences = [
        "Thanks for reaching out, happy to help with this.",
        "I've checked your account and can see what happened.",
        "Could you send us a screenshot of the error you see?",
        "We've issued the refund; it should appear within 5–7 business days.",
        "Our engineers are looking into it and I'll update you as soon as I hear back.",
        "Please try clearing the cache and signing in again via https://example.test/login.",
        "I tried that already and it still doesn't work — the page just reloads.",
        "It's urgent for us because our team can't work without it.",
        "Here are the steps: open Settings → Billing → Invoices, then click \"Download\".",
        "Let me know if there's anything else I can do for you!",
        "The export finished; you can fetch it from https://example.test/exports/ for 7 days.",
        "Merci beaucoup, ça marche maintenant 🙂",
    ]
}
