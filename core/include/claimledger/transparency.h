// Transparency: signed checkpoints and receipts a reader checks without the desk.
//
// Every desk is a transparency log (README, "Publishing verifiable verdicts"): an RFC 6962
// Merkle tree whose leaf i is the canonical JSON of event i + 1. A checkpoint of it is a C2SP
// tlog-checkpoint (origin, tree size, base64 root) signed as a C2SP signed note with Ed25519;
// a receipt is a C2SP tlog-proof: the index of an event, its inclusion proof, and the signed
// checkpoint. Keys are texts in the encoding of Go's golang.org/x/mod/sumdb/note:
//   signer    PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || 32-byte seed)>
//   verifier  <name>+<8 hex key id>+<base64(0x01 || 32-byte public key)>
// with key id = the first 4 bytes of SHA-256(name || "\n" || 0x01 || public key).
//
// The functions here need no ledger. A signer key is secret: it is never written to a ledger,
// a bundle, an export or a message, and errors about one never quote it.
#ifndef CLAIMLEDGER_TRANSPARENCY_H_
#define CLAIMLEDGER_TRANSPARENCY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace claimledger {

struct KeyPair {
  std::string signer;    // secret: PRIVATE+KEY+...
  std::string verifier;  // public
};

// A new random Ed25519 key named `name` (non-empty, UTF-8, no spaces, no '+'; for example
// "news.example/korea-desk"). Writes nothing. Throws Error(kInvalidInput)
// "claimledger.key.name" for a bad name.
KeyPair GenerateKey(const std::string& name);

// The verifier key of a signer key. Throws Error(kInvalidInput) "claimledger.key.malformed"
// (without quoting the key) when `signer` is not a signer key.
std::string VerifierOf(const std::string& signer);

// A checkpoint: the tree head of a desk, signed.
struct SignedCheckpoint {
  std::string origin;
  std::int64_t size = 0;               // events in the tree
  std::string root;                    // the tree's root, base64
  std::string text;                    // the signed note, verbatim
  std::vector<std::string> signed_by;  // the keys whose signatures were checked (verifier keys)
};

// Parses a signed checkpoint and checks its signatures against `verifier_keys`, as C2SP
// signed-note says: signatures by other keys are ignored, a signature by a given key that
// fails refuses the note, and at least one given key must have signed it. Throws
// Error(kInvalidInput) for a malformed note, checkpoint or key ("claimledger.note.malformed",
// ".checkpoint.malformed", ".key.malformed"), Error(kIntegrity) "claimledger.note.unsigned"
// when no given key signed it and "claimledger.note.bad_signature" when a signature fails.
SignedCheckpoint VerifyCheckpoint(const std::string& text,
                                  const std::vector<std::string>& verifier_keys);

// What a checked receipt proves: the leaf is entry `index` of the checkpoint's tree.
struct VerifiedReceipt {
  SignedCheckpoint checkpoint;
  std::int64_t index = 0;  // the leaf's index: the event with seq index + 1
  std::string leaf_hash;   // SHA-256(0x00 || leaf), base64
};

// One receipt of a claim's verdict (Workbench::Receipts): an event's C2SP tlog-proof and the
// leaf it proves, the event's canonical JSON.
struct Receipt {
  std::string role;  // "claim", "verdict", "evidence" (a quote linked) or "snapshot" (a document)
  std::int64_t seq = 0;
  std::string type;                     // the event type
  std::string proof;                    // the tlog-proof text
  std::string leaf;                     // the event's canonical JSON, the bytes the proof is for
  std::optional<std::string> snapshot;  // for a snapshot: its content id
  std::optional<std::string> sha256;    // and the SHA-256 of its bytes ("sha256:…")
};

// Checks a receipt (a C2SP tlog-proof) for `leaf`, the bytes of the logged entry (an event's
// canonical JSON): the checkpoint's signature as VerifyCheckpoint does, then the inclusion
// proof from the leaf to the checkpoint's root. Throws Error(kInvalidInput)
// "claimledger.proof.malformed" for a proof that does not parse (and VerifyCheckpoint's
// errors), Error(kIntegrity) "claimledger.proof.mismatch" when the leaf and the proof do not
// lead to the root.
VerifiedReceipt VerifyReceipt(const std::string& proof, const std::string& leaf,
                              const std::vector<std::string>& verifier_keys);

}  // namespace claimledger

#endif  // CLAIMLEDGER_TRANSPARENCY_H_
