// The C2SP text formats of transparency logs, as pure functions: keys in the encoding of Go's
// sumdb/note, signed notes (c2sp.org/signed-note), checkpoint bodies (c2sp.org/tlog-checkpoint),
// inclusion proofs (c2sp.org/tlog-proof) and consistency proofs (base64 hashes, one a line).
// The public functions of claimledger/transparency.h are built on these; the workbench uses
// them to sign checkpoints and write proofs. Every parser refuses what it does not accept
// with Error(kInvalidInput), saying what was wrong and what is accepted.
#ifndef CLAIMLEDGER_CODEC_TRANSPARENCY_H_
#define CLAIMLEDGER_CODEC_TRANSPARENCY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/transparency.h"
#include "hash/merkle.h"

namespace claimledger {

// True for a valid key name or origin: non-empty UTF-8 without spaces (Unicode's too), '+'
// or control characters.
bool IsValidKeyName(std::string_view name);
// Throws Error(kInvalidInput) `id` unless IsValidKeyName(name); `what` names it ("key name").
void RequireKeyName(std::string_view name, const std::string& what, const std::string& id);

// A signer key: its seed is wiped when the key goes.
struct SignerKey {
  std::string name;
  std::uint32_t id = 0;
  std::string seed;
  SignerKey() = default;
  SignerKey(const SignerKey&) = delete;
  SignerKey& operator=(const SignerKey&) = delete;
  SignerKey(SignerKey&&) = default;
  ~SignerKey();
};
struct VerifierKey {
  std::string name;
  std::uint32_t id = 0;
  std::string public_key;
  std::string text;  // as given
};

// Throws Error(kInvalidInput) "claimledger.key.malformed" saying which part is wrong, never
// quoting the key.
SignerKey ParseSignerKey(std::string_view text);
VerifierKey ParseVerifierKey(std::string_view text);
std::string VerifierKeyText(const std::string& name, const std::string& public_key);

// The body of a checkpoint: origin, size and base64 root, each ending in a newline.
std::string CheckpointBody(const std::string& origin, std::int64_t size, const TreeHash& root);
struct CheckpointFields {
  std::string origin;
  std::int64_t size = 0;
  TreeHash root{};
};
// Throws Error(kInvalidInput) "claimledger.checkpoint.malformed".
CheckpointFields ParseCheckpointBody(std::string_view text);

// A signed note: its text and its signature lines.
struct NoteSignature {
  std::string name;
  std::uint32_t id = 0;
  std::string signature;  // without the key id
  std::string line;       // as written, without the newline
};
struct Note {
  std::string text;
  std::vector<NoteSignature> signatures;
};
// Parses a signed note (syntax only). Throws Error(kInvalidInput) "claimledger.note.malformed".
Note ParseNote(std::string_view note);
// The note `text` signed by `key`, after the signatures of `others` (other keys' signature
// lines kept as they are; one by the same key is replaced).
std::string SignNote(const std::string& text, const SignerKey& key,
                     const std::vector<NoteSignature>& others = {});
// Checks the note's signatures against `keys` (signed-note's rules); the verifier keys that
// signed it. Throws Error(kIntegrity) "claimledger.note.unsigned" or ".bad_signature".
std::vector<std::string> VerifyNote(const Note& note, const std::vector<VerifierKey>& keys);
// The same from texts, into a SignedCheckpoint (VerifyCheckpoint).
SignedCheckpoint OpenCheckpoint(const std::string& text, const std::vector<std::string>& keys);

// A C2SP tlog-proof: c2sp.org/tlog-proof@v1, an optional extra line, the index, the proof
// hashes, a blank line and the checkpoint verbatim.
struct TlogProof {
  std::optional<std::string> extra;  // the decoded extra data
  std::int64_t index = 0;
  std::vector<TreeHash> hashes;
  std::string checkpoint;
};
std::string FormatTlogProof(const TlogProof& proof);
// Throws Error(kInvalidInput) "claimledger.proof.malformed".
TlogProof ParseTlogProof(std::string_view text);

// Hashes as base64, one a line, each ending in a newline (consistency proofs).
std::string FormatHashLines(const std::vector<TreeHash>& hashes);
// Throws Error(kInvalidInput) "claimledger.proof.malformed".
std::vector<TreeHash> ParseHashLines(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_TRANSPARENCY_H_
