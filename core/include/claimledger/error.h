// The one error type of the claimledger core.
//
// Every failure the core reports is a claimledger::Error carrying a Code and a message.
// The message starts with a stable id in brackets, for example
// "[claimledger.anchor.not_found] quote \"…\" does not occur in snapshot xxh3-128:…",
// so that users and tests can match on the id while the prose stays free to improve.
// The Python binding maps each Code to one Python exception class.
#ifndef CLAIMLEDGER_ERROR_H_
#define CLAIMLEDGER_ERROR_H_

#include <stdexcept>
#include <string>

namespace claimledger {

enum class Code {
  kNotFound,      // an id that names nothing in this ledger
  kInvalidInput,  // bad input: wrong value, unknown choice, bad date or encoding
  kAnchor,        // a quote that the snapshot does not contain (a kind of invalid input)
  kIntegrity,     // the ledger or an input bundle fails a hash or chain check
  kStorage,       // the database failed: I/O error, disk full, locked, not a ledger file
  kReadOnly,      // a write through a read-only view (as_of)
};

class Error : public std::runtime_error {
 public:
  // `id` is the stable dotted id without brackets, e.g. "claimledger.anchor.not_found".
  Error(Code code, const std::string& id, const std::string& detail)
      : std::runtime_error("[" + id + "] " + detail), code_(code), id_(id), detail_(detail) {}

  Code code() const { return code_; }
  const std::string& id() const { return id_; }
  // The message without the id in front.
  const std::string& detail() const { return detail_; }

 private:
  Code code_;
  std::string id_;
  std::string detail_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_ERROR_H_
