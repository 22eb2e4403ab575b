// The workbench's checks of what users give it: each either returns the value in the form
// the ledger records, or throws Error(kInvalidInput) with a message that says what was wrong
// and what is accepted ("claimledger.<id>"). Shared by every workbench operation.
#ifndef CLAIMLEDGER_WORKBENCH_INPUT_H_
#define CLAIMLEDGER_WORKBENCH_INPUT_H_

#include <optional>
#include <string>
#include <vector>

#include "claimledger/error.h"

namespace claimledger {

// Error(kInvalidInput) with id "claimledger." + `id`.
Error Invalid(const std::string& id, const std::string& detail);
// "a, b, c".
std::string Join(const std::vector<std::string>& items);
// Quotes user text in a message, shortened so that one bad record cannot flood a log.
std::string Shown(const std::string& text);

void RequireUtf8(const std::string& field, const std::string& text);
// An optional text that must be UTF-8 (kept as given, not trimmed); "" when there is none.
std::string OptionalUtf8(const std::string& field, const std::optional<std::string>& text);
// A required text: UTF-8, not blank. Returns it trimmed.
std::string RequireText(const std::string& field, const std::string& text);
std::optional<std::string> OptionalText(const std::string& field,
                                        const std::optional<std::string>& text);
// A document date, YYYY-MM-DD or RFC 3339, in its normal form (codec/dates.h).
std::optional<std::string> OptionalDate(const std::string& field,
                                        const std::optional<std::string>& text);
// Throws with id "claimledger." + `id` unless `value` is one of `accepted`.
void RequireChoice(const std::string& id, const std::string& what, const std::string& value,
                   const std::vector<std::string>& accepted);
// A JSON object of text or integer values (source attributes, claim provenance), as its
// canonical JSON text; "" (or "null" when `null_allowed`) gives "null".
std::string CleanAttributes(const std::string& field, const std::string& json, bool null_allowed);
// Tags: each a required text, sorted, without repeats.
std::vector<std::string> CleanTags(const std::vector<std::string>& tags);

// A source name as names are compared when looked up: trimmed, ASCII letters in lower case.
std::string FoldedName(const std::string& name);

// Throws `error` again with `where` in front of its message, keeping code and id.
[[noreturn]] void RethrowAt(const Error& error, const std::string& where);

}  // namespace claimledger

#endif  // CLAIMLEDGER_WORKBENCH_INPUT_H_
