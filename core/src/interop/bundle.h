// Bundles: a whole ledger as JSON Lines, to move a desk to another machine and prove on arrival
// that nothing changed on the way.
//
// Line 1 is a header {"bundle": "claimledger", "ledger": identity, "version": 1}; then one line
// per event {"content"?: base64 of a snapshot's bytes, "event": {the six hashed fields},
// "hash": …}; the last line is the head {"checkpoint": {ledger, seq, hash, at}}. Every line is
// canonical JSON. Reading re-checks every hash, link and content (the chain check of
// ledger/chain.h), so any altered line is rejected with Error(kIntegrity) naming it; both sides
// stream.
#ifndef CLAIMLEDGER_INTEROP_BUNDLE_H_
#define CLAIMLEDGER_INTEROP_BUNDLE_H_

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "claimledger/model.h"
#include "ledger/chain.h"
#include "ledger/ledger.h"

namespace claimledger {

inline constexpr int kBundleVersion = 1;

// Writes `ledger` to `path` as a bundle, streaming; the file appears complete or not at all.
// Returns the head the bundle ends with.
Checkpoint ExportBundle(Ledger& ledger, const std::string& path);

// Replaces the history of `ledger`, a NEW ledger (Ledger::ReplaceHistory), with the bundle's
// chain: the same events, hashes and identity. Every line is verified; anything altered
// throws Error(kIntegrity) naming the line and nothing is written.
Checkpoint ImportBundle(Ledger& ledger, const std::string& path);

// True when the file at `path` starts as a bundle does (a JSON object), so that it is read
// as one rather than opened as a ledger.
bool LooksLikeBundle(const std::string& path);

// Writes a bundle line by line. Call Header once, Entry per event in order, then Finish.
class BundleWriter {
 public:
  explicit BundleWriter(std::ostream& out) : out_(out) {}
  void Header(const std::string& ledger);
  // `content` holds the snapshot's bytes for a snapshot.added event, else nothing.
  void Entry(const Event& event, const std::optional<std::string>& content);
  void Finish(const Checkpoint& head);

 private:
  std::ostream& out_;
};

// One verified event of a bundle, with its snapshot's bytes when it adds one.
struct BundleEntry {
  Event event;
  std::optional<std::string> content;
};

// Reads and verifies a bundle line by line. Next() returns false after the checkpoint line
// has been read and matched. Throws Error(kIntegrity) naming the line for anything altered,
// missing or truncated, and Error(kInvalidInput) for a file that is not a bundle or comes from
// a newer format version.
class BundleReader {
 public:
  explicit BundleReader(std::istream& in) : in_(in), chain_(std::nullopt, false) {}
  bool Next(BundleEntry* entry);
  const std::string& ledger() const { return ledger_; }
  std::int64_t events() const { return chain_.events; }

 private:
  void ReadHeader();
  std::istream& in_;
  ChainCheck chain_;
  std::int64_t line_ = 0;
  std::string ledger_;
  Event last_;  // the last event read
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_INTEROP_BUNDLE_H_
