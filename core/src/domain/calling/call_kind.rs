//! What a call was for, as the manager marks it when logging it.

use crate::domain::code_enum::code_enum;

code_enum!(
    /// The purpose of a call; quotas count phone offers separately.
    CallKind {
        Ordinary => "ordinary",
        PhoneOffer => "phone_offer",
        Negotiation => "negotiation",
        Complaint => "complaint",
        Greeting => "greeting",
        Receivables => "receivables",
    }
);
