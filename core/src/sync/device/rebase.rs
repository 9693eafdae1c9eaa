//! A pulled row with the device's unsent edits laid over it again.

use super::*;

/// The server's row with this device's unsent edits laid over it again, so
/// a pull never hides what the user typed.
pub fn rebase(row: Row, pending: &[Op]) -> Row {
    match row {
        Row::Client { card, clocks } => {
            let mut state = kinds::client::state(&kinds::client::of_card(&card), &clocks);
            for op in pending {
                merge::apply(&mut state, op);
            }
            let (fields, new_clocks) = kinds::client::split(&state);
            let rebased = kinds::client::to_input(&fields).and_then(|(input, archived)| {
                let v = input
                    .validate(crate::domain::latest_day::latest_day(Utc::now()))
                    .ok()?;
                let by = Author {
                    id: &card.owner_id,
                    name: &card.updated_by,
                };
                Some(local_card::card(
                    &card.id,
                    &v,
                    Some(&card),
                    archived,
                    &by,
                    card.updated_at,
                ))
            });
            match rebased {
                Some(c) => Row::Client {
                    card: Box::new(c),
                    clocks: new_clocks,
                },
                None => Row::Client { card, clocks },
            }
        }
        Row::Conflict { mut conflict } => {
            conflict.resolved |= !pending.is_empty();
            Row::Conflict { conflict }
        }
        Row::FollowUp { follow_up, clocks } => {
            let fields = record_fields::of(&FollowUpInput::of(&follow_up.fields));
            let mut state = record_fields::state(&fields, &clocks);
            for op in pending {
                merge::apply(&mut state, op);
            }
            let (fields, new_clocks) = record_fields::split(&state);
            let rebased = record_fields::to::<FollowUpInput>(&fields)
                .and_then(|input| input.validate(Utc::now()).ok());
            match rebased {
                Some(f) => Row::FollowUp {
                    follow_up: FollowUp {
                        fields: f,
                        ..follow_up
                    },
                    clocks: new_clocks,
                },
                None => Row::FollowUp { follow_up, clocks },
            }
        }
        Row::Proposal { proposal, clocks } => {
            let fields = kinds::proposal::of_input(&ProposalInput::of(&proposal.fields));
            let mut state = record_fields::state(&fields, &clocks);
            for op in pending {
                merge::apply(&mut state, op);
            }
            let (fields, new_clocks) = record_fields::split(&state);
            let rebased = record_fields::to::<ProposalInput>(&fields)
                .and_then(|input| input.validate(Utc::now()).ok());
            match rebased {
                Some(f) => Row::Proposal {
                    proposal: Box::new(Proposal {
                        fields: f,
                        ..*proposal
                    }),
                    clocks: new_clocks,
                },
                None => Row::Proposal { proposal, clocks },
            }
        }
        Row::Contract { contract, clocks } => {
            let fields = kinds::contract::of_input(&ContractInput::of(&contract.fields));
            let mut state = record_fields::state(&fields, &clocks);
            for op in pending {
                merge::apply(&mut state, op);
            }
            let (fields, new_clocks) = record_fields::split(&state);
            // Checked as of far ahead: a signing date is never refused here.
            let rebased = record_fields::to::<ContractInput>(&fields)
                .and_then(|input| input.validate(chrono::NaiveDate::MAX).ok());
            match rebased {
                Some(f) => Row::Contract {
                    contract: Box::new(Contract {
                        fields: f,
                        ..*contract
                    }),
                    clocks: new_clocks,
                },
                None => Row::Contract { contract, clocks },
            }
        }
        other => other,
    }
}
