//! Names of follow-up actions in the catalogue.

use crate::domain::follow_up::FollowUpAction;
use crate::i18n::Key;

pub fn action(a: FollowUpAction) -> Key {
    match a {
        FollowUpAction::Call => Key::ActionCall,
        FollowUpAction::Proposal => Key::ActionProposal,
        FollowUpAction::Meeting => Key::ActionMeeting,
        FollowUpAction::ContractDraft => Key::ActionContractDraft,
        FollowUpAction::SignContract => Key::ActionSignContract,
    }
}
