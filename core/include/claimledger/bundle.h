// Bundles: a whole ledger as JSON Lines, to move a desk to another machine and prove on
// arrival that nothing changed on the way (the interop layer).
//
// Line 1 is a header {"bundle": "claimledger", "ledger": identity, "version": 1}; then one
// line per event {"content"?: base64 of a snapshot's bytes, "event": {the six hashed
// fields}, "hash": …}; the last line is the head {"checkpoint": {ledger, seq, hash, at}}.
// Every line is canonical JSON. Reading re-checks every hash, link and content, so any
// altered line is rejected with Error(kIntegrity) naming it; both sides stream.
#ifndef CLAIMLEDGER_BUNDLE_H_
#define CLAIMLEDGER_BUNDLE_H_

#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

#include "claimledger/model.h"

namespace claimledger {

inline constexpr int kBundleVersion = 1;

// Writes a bundle line by line. Call Header once, Entry per event in order, then Finish.
class BundleWriter {
 public:
  explicit BundleWriter(std::ostream& out) : out_(out) {}
  void Header(const std::string& ledger);
  // `content` holds the snapshot's bytes for a snapshot.added event, else nothing.
  // `data_text` is the event's canonical data as stored.
  void Entry(const Event& event, std::string_view data_text,
             const std::optional<std::string>& content);
  void Finish(const Checkpoint& head);

 private:
  std::ostream& out_;
};

// One verified event of a bundle, with its snapshot bytes when it adds one.
struct BundleEntry {
  Event event;
  std::string data_text;  // canonical JSON of event.data
  std::optional<std::string> content;
};

// Reads and verifies a bundle line by line. Next() returns false after the checkpoint
// line has been read and matched. Throws Error(kIntegrity) naming the line for anything
// altered, missing or truncated, and Error(kInvalidInput) for a file that is not a bundle
// or comes from a newer format version.
class BundleReader {
 public:
  explicit BundleReader(std::istream& in) : in_(in) {}
  bool Next(BundleEntry* entry);
  const std::string& ledger() const { return ledger_; }
  std::int64_t events() const { return seq_; }

 private:
  void ReadHeader();
  std::istream& in_;
  std::int64_t line_ = 0;
  std::int64_t seq_ = 0;
  std::string ledger_;
  std::string prev_;
  std::string at_;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_BUNDLE_H_
