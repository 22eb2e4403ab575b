// The C2SP text formats (transparency.h, claimledger/transparency.h).
#include "codec/transparency.h"

#include <sodium.h>

#include <charconv>
#include <set>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "hash/base64.h"
#include "hash/ed25519.h"
#include "text/utf8.h"

namespace claimledger {
namespace {

constexpr unsigned char kEd25519Type = 0x01;
constexpr std::string_view kSignerPrefix = "PRIVATE+KEY+";
constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // em dash, space
constexpr std::string_view kProofHeader = "c2sp.org/tlog-proof@v1";
constexpr std::size_t kMaxSignatures = 100;

Error Malformed(const std::string& what, const std::string& detail) {
  return Error(Code::kInvalidInput, "claimledger." + what + ".malformed", detail);
}

// The first 4 bytes of SHA-256(name || "\n" || 0x01 || public key), big-endian.
std::uint32_t KeyId(const std::string& name, const std::string& public_key) {
  const std::string digest = Sha256(name + "\n" + static_cast<char>(kEd25519Type) + public_key)
                                 .substr(kSha256Prefix.size(), 8);
  return static_cast<std::uint32_t>(std::stoul(digest, nullptr, 16));
}

std::string IdHex(std::uint32_t id) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex(8, '0');
  for (int i = 7; i >= 0; --i, id >>= 4) hex[i] = kDigits[id & 0xf];
  return hex;
}

std::string IdBytes(std::uint32_t id) {
  return std::string{static_cast<char>(id >> 24), static_cast<char>(id >> 16),
                     static_cast<char>(id >> 8), static_cast<char>(id)};
}

// A decimal without sign or leading zeros ("0" alone may be zero); nothing otherwise.
std::optional<std::int64_t> ParseCount(std::string_view text) {
  std::int64_t value = 0;
  if (text.empty() || (text.size() > 1 && text[0] == '0') || text[0] == '-' || text[0] == '+') {
    return std::nullopt;
  }
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::uint32_t> ParseIdHex(std::string_view hex) {
  if (hex.size() != 8) return std::nullopt;
  std::uint32_t id = 0;
  for (char c : hex) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return std::nullopt;
    id = id << 4 | static_cast<std::uint32_t>(digit);
  }
  return id;
}

// Splits `text` at its first count - 1 '+' into `count` parts (the last one, base64, may hold
// '+' itself); nothing when there are fewer.
std::optional<std::vector<std::string_view>> SplitPlus(std::string_view text, std::size_t count) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() + 1 < count) {
    const std::size_t plus = text.find('+', start);
    if (plus == std::string_view::npos) return std::nullopt;
    parts.push_back(text.substr(start, plus - start));
    start = plus + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// name, id and the decoded key data of "<name>+<id>+<base64>", checking what both key kinds
// share; `what` names the kind in messages.
void ParseKeyParts(std::string_view name, std::string_view id_hex, std::string_view data,
                   const std::string& what, std::string* name_out, std::uint32_t* id,
                   std::string* key, std::size_t key_size) {
  if (!IsValidKeyName(name)) {
    throw Malformed("key", "the name in this " + what +
                               " is empty or holds a space, '+' or a control character");
  }
  const auto parsed_id = ParseIdHex(id_hex);
  if (!parsed_id) {
    throw Malformed("key", "the key id in this " + what + " is not 8 lowercase hex digits");
  }
  const auto bytes = FromBase64(data);
  if (!bytes) throw Malformed("key", "the key data in this " + what + " is not base64");
  if (bytes->size() != key_size + 1) {
    throw Malformed("key", "the key data in this " + what + " is " + std::to_string(bytes->size()) +
                               " bytes; an Ed25519 key is " + std::to_string(key_size + 1) +
                               " (the type byte 0x01 and " + std::to_string(key_size) + ")");
  }
  if (static_cast<unsigned char>((*bytes)[0]) != kEd25519Type) {
    throw Malformed("key", "this " + what + " is not of type 0x01 (Ed25519), the one accepted");
  }
  *name_out = std::string(name);
  *id = *parsed_id;
  *key = bytes->substr(1);
}

}  // namespace

bool IsValidKeyName(std::string_view name) {
  if (name.empty() || !IsValidUtf8(name)) return false;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8At(name, i, &cp);
    if (length == 0 || cp == '+' || cp < 0x20 || cp == 0x7f || IsSpaceCodePoint(cp)) return false;
    i += length;
  }
  return true;
}

void RequireKeyName(std::string_view name, const std::string& what, const std::string& id) {
  if (!IsValidKeyName(name)) {
    throw Error(Code::kInvalidInput, id,
                what + " \"" + std::string(name) +
                    "\" is not accepted: it must be one line of UTF-8 without spaces, '+' or "
                    "control characters, such as news.example/korea-desk");
  }
}

SignerKey::~SignerKey() { sodium_memzero(seed.data(), seed.size()); }

SignerKey ParseSignerKey(std::string_view text) {
  const auto parts = SplitPlus(text, 5);
  if (text.substr(0, kSignerPrefix.size()) != kSignerPrefix || !parts) {
    throw Malformed("key",
                    "this is not a signer key: one is PRIVATE+KEY+<name>+<8 hex key id>+<base64 "
                    "key data> (claimledger keygen writes one)");
  }
  SignerKey key;
  ParseKeyParts((*parts)[2], (*parts)[3], (*parts)[4], "signer key", &key.name, &key.id, &key.seed,
                kEd25519SeedBytes);
  if (KeyId(key.name, Ed25519PublicKey(key.seed)) != key.id) {
    throw Malformed("key", "the key id in this signer key does not match its key");
  }
  return key;
}

VerifierKey ParseVerifierKey(std::string_view text) {
  const auto parts = SplitPlus(text, 3);
  if (text.substr(0, kSignerPrefix.size()) == kSignerPrefix) {
    throw Malformed("key",
                    "a signer key (PRIVATE+KEY+...) was given where a verifier key is "
                    "needed; give the verifier key that keygen printed");
  }
  if (!parts) {
    throw Malformed("key",
                    "this is not a verifier key: one is <name>+<8 hex key id>+<base64 key data>");
  }
  VerifierKey key;
  ParseKeyParts((*parts)[0], (*parts)[1], (*parts)[2], "verifier key", &key.name, &key.id,
                &key.public_key, kEd25519PublicKeyBytes);
  if (KeyId(key.name, key.public_key) != key.id) {
    throw Malformed("key", "the key id in verifier key " + std::string(text) +
                               " does not match its public key");
  }
  key.text = std::string(text);
  return key;
}

std::string VerifierKeyText(const std::string& name, const std::string& public_key) {
  return name + "+" + IdHex(KeyId(name, public_key)) + "+" +
         Base64(static_cast<char>(kEd25519Type) + public_key);
}

KeyPair GenerateKey(const std::string& name) {
  RequireKeyName(name, "key name", "claimledger.key.name");
  std::string seed = NewEd25519Seed();
  const std::string public_key = Ed25519PublicKey(seed);
  std::string data = static_cast<char>(kEd25519Type) + seed;
  KeyPair pair{
      std::string(kSignerPrefix) + name + "+" + IdHex(KeyId(name, public_key)) + "+" + Base64(data),
      VerifierKeyText(name, public_key)};
  sodium_memzero(seed.data(), seed.size());
  sodium_memzero(data.data(), data.size());
  return pair;
}

std::string VerifierOf(const std::string& signer) {
  const SignerKey key = ParseSignerKey(signer);
  return VerifierKeyText(key.name, Ed25519PublicKey(key.seed));
}

// --- checkpoints ------------------------------------------------------------------------------

std::string CheckpointBody(const std::string& origin, std::int64_t size, const TreeHash& root) {
  return origin + "\n" + std::to_string(size) + "\n" + Base64(BytesOf(root)) + "\n";
}

CheckpointFields ParseCheckpointBody(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      throw Malformed("checkpoint", "the checkpoint's last line does not end in a newline");
    }
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
  if (lines.size() < 3) {
    throw Malformed("checkpoint",
                    "a checkpoint has at least three lines (origin, tree size, base64 root); this "
                    "one has " +
                        std::to_string(lines.size()));
  }
  CheckpointFields fields;
  if (lines[0].empty()) throw Malformed("checkpoint", "the checkpoint's origin line is empty");
  fields.origin = std::string(lines[0]);
  const auto size = ParseCount(lines[1]);
  if (!size) {
    throw Malformed("checkpoint",
                    "the checkpoint's second line is not a tree size (a decimal "
                    "number without leading zeros)");
  }
  fields.size = *size;
  const auto root = FromBase64(lines[2]);
  if (!root || root->size() != 32) {
    throw Malformed("checkpoint",
                    "the checkpoint's third line is not a root hash (the base64 of 32 bytes)");
  }
  fields.root = *TreeHashFrom(*root);
  for (std::size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) throw Malformed("checkpoint", "a checkpoint has no empty lines");
  }
  return fields;
}

// --- signed notes -----------------------------------------------------------------------------

Note ParseNote(std::string_view note) {
  if (!IsValidUtf8(note)) throw Malformed("note", "the signed note is not UTF-8");
  for (char c : note) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n') {
      throw Malformed("note", "the signed note holds a control character other than newline");
    }
  }
  const std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    throw Malformed("note",
                    "a signed note is its text, a blank line and its signature lines; "
                    "no blank line was found");
  }
  Note parsed;
  parsed.text = std::string(note.substr(0, split + 1));
  std::string_view lines = note.substr(split + 2);
  if (lines.empty() || lines.back() != '\n') {
    throw Malformed("note",
                    "the signed note has no signature lines, or its last line does not "
                    "end in a newline");
  }
  while (!lines.empty()) {
    const std::size_t newline = lines.find('\n');
    const std::string_view line = lines.substr(0, newline);
    lines.remove_prefix(newline + 1);
    const std::size_t space = line.find(' ', kSignaturePrefix.size());
    if (line.substr(0, kSignaturePrefix.size()) != kSignaturePrefix ||
        space == std::string_view::npos) {
      throw Malformed("note",
                      "a signature line is \"— <key name> <base64 signature>\" (an em "
                      "dash, U+2014)");
    }
    NoteSignature signature;
    signature.name =
        std::string(line.substr(kSignaturePrefix.size(), space - kSignaturePrefix.size()));
    const auto bytes = FromBase64(line.substr(space + 1));
    if (!IsValidKeyName(signature.name) || !bytes || bytes->size() < 5) {
      throw Malformed("note", "the signature line of \"" + signature.name +
                                  "\" has a bad key name or is not the base64 of a key id and "
                                  "a signature");
    }
    if (parsed.signatures.size() == kMaxSignatures) {
      throw Malformed("note", "the signed note has more than 100 signatures");
    }
    signature.id = static_cast<std::uint32_t>(static_cast<unsigned char>((*bytes)[0])) << 24 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>((*bytes)[1])) << 16 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>((*bytes)[2])) << 8 |
                   static_cast<std::uint32_t>(static_cast<unsigned char>((*bytes)[3]));
    signature.signature = bytes->substr(4);
    signature.line = std::string(line);
    parsed.signatures.push_back(std::move(signature));
  }
  return parsed;
}

std::string SignNote(const std::string& text, const SignerKey& key,
                     const std::vector<NoteSignature>& others) {
  std::string note = text + "\n";
  for (const NoteSignature& other : others) {
    if (other.name == key.name && other.id == key.id) continue;
    note += other.line + "\n";
  }
  note += std::string(kSignaturePrefix) + key.name + " " +
          Base64(IdBytes(key.id) + Ed25519Sign(key.seed, text)) + "\n";
  return note;
}

std::vector<std::string> VerifyNote(const Note& note, const std::vector<VerifierKey>& keys) {
  std::vector<std::string> verified;
  std::set<std::string> seen;
  for (const NoteSignature& signature : note.signatures) {
    for (const VerifierKey& key : keys) {
      if (key.name != signature.name || key.id != signature.id) continue;
      if (!Ed25519Verify(key.public_key, note.text, signature.signature)) {
        throw Error(Code::kIntegrity, "claimledger.note.bad_signature",
                    "the signature of " + key.name + " (key " + IdHex(key.id) +
                        ") does not verify: the note was changed after it was signed, or the "
                        "signature was");
      }
      if (seen.insert(key.text).second) verified.push_back(key.text);
    }
  }
  if (verified.empty()) {
    std::string names;
    for (const NoteSignature& signature : note.signatures) {
      names += (names.empty() ? "" : ", ") + signature.name + " (key " + IdHex(signature.id) + ")";
    }
    throw Error(Code::kIntegrity, "claimledger.note.unsigned",
                "no signature by a given verifier key: the note is signed by " + names +
                    "; give the verifier key of one of them");
  }
  return verified;
}

SignedCheckpoint OpenCheckpoint(const std::string& text, const std::vector<std::string>& keys) {
  std::vector<VerifierKey> verifiers;
  for (const std::string& key : keys) verifiers.push_back(ParseVerifierKey(key));
  if (verifiers.empty()) {
    throw Error(Code::kInvalidInput, "claimledger.key.none",
                "checking a signed checkpoint needs at least one verifier key");
  }
  const Note note = ParseNote(text);
  const CheckpointFields fields = ParseCheckpointBody(note.text);
  SignedCheckpoint checkpoint;
  checkpoint.signed_by = VerifyNote(note, verifiers);
  checkpoint.origin = fields.origin;
  checkpoint.size = fields.size;
  checkpoint.root = Base64(BytesOf(fields.root));
  checkpoint.text = text;
  return checkpoint;
}

SignedCheckpoint VerifyCheckpoint(const std::string& text,
                                  const std::vector<std::string>& verifier_keys) {
  return OpenCheckpoint(text, verifier_keys);
}

// --- proofs -----------------------------------------------------------------------------------

std::string FormatHashLines(const std::vector<TreeHash>& hashes) {
  std::string text;
  for (const TreeHash& hash : hashes) text += Base64(BytesOf(hash)) + "\n";
  return text;
}

std::vector<TreeHash> ParseHashLines(std::string_view text) {
  std::vector<TreeHash> hashes;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    if (newline == std::string_view::npos) {
      throw Malformed("proof", "the last proof line does not end in a newline");
    }
    const auto bytes = FromBase64(text.substr(0, newline));
    if (!bytes || bytes->size() != 32) {
      throw Malformed("proof", "proof line " + std::to_string(hashes.size() + 1) +
                                   " is not a hash (the base64 of 32 bytes)");
    }
    hashes.push_back(*TreeHashFrom(*bytes));
    text.remove_prefix(newline + 1);
  }
  return hashes;
}

std::string FormatTlogProof(const TlogProof& proof) {
  std::string text = std::string(kProofHeader) + "\n";
  if (proof.extra) text += "extra " + Base64(*proof.extra) + "\n";
  text += "index " + std::to_string(proof.index) + "\n" + FormatHashLines(proof.hashes) + "\n";
  return text + proof.checkpoint;
}

TlogProof ParseTlogProof(std::string_view text) {
  const std::size_t blank = text.find("\n\n");
  if (text.substr(0, kProofHeader.size() + 1) != std::string(kProofHeader) + "\n" ||
      blank == std::string_view::npos) {
    throw Malformed("proof", "a receipt (C2SP tlog-proof) starts with the line " +
                                 std::string(kProofHeader) +
                                 ", and its proof lines end in a blank line before the checkpoint");
  }
  std::string_view head = text.substr(kProofHeader.size() + 1, blank + 1 - kProofHeader.size() - 1);
  TlogProof proof;
  const auto line = [&] {
    const std::size_t newline = head.find('\n');
    const std::string_view taken = head.substr(0, newline);
    head.remove_prefix(newline + 1);
    return taken;
  };
  std::string_view current = line();
  if (current.substr(0, 6) == "extra ") {
    proof.extra = FromBase64(current.substr(6));
    if (!proof.extra) throw Malformed("proof", "the extra line's data is not base64");
    current = head.empty() ? std::string_view() : line();
  }
  const auto index =
      current.substr(0, 6) == "index " ? ParseCount(current.substr(6)) : std::nullopt;
  if (!index) {
    throw Malformed("proof",
                    "the receipt has no line \"index N\" (N a decimal number without "
                    "leading zeros) after its first line");
  }
  proof.index = *index;
  proof.hashes = ParseHashLines(head);
  proof.checkpoint = std::string(text.substr(blank + 2));
  return proof;
}

VerifiedReceipt VerifyReceipt(const std::string& proof_text, const std::string& leaf,
                              const std::vector<std::string>& verifier_keys) {
  const TlogProof proof = ParseTlogProof(proof_text);
  VerifiedReceipt receipt;
  receipt.checkpoint = OpenCheckpoint(proof.checkpoint, verifier_keys);
  receipt.index = proof.index;
  const TreeHash leaf_hash = LeafHash(leaf);
  receipt.leaf_hash = Base64(BytesOf(leaf_hash));
  const auto why = CheckInclusion(proof.index, receipt.checkpoint.size, leaf_hash, proof.hashes,
                                  *TreeHashFrom(*FromBase64(receipt.checkpoint.root)));
  if (why) {
    throw Error(Code::kIntegrity, "claimledger.proof.mismatch",
                "the receipt does not prove this leaf at index " + std::to_string(proof.index) +
                    " of " + receipt.checkpoint.origin + "'s tree of " +
                    std::to_string(receipt.checkpoint.size) + " entries: " + *why);
  }
  return receipt;
}

}  // namespace claimledger
