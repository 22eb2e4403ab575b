// The workbench's transparency operations (claimledger/workbench.h): signing checkpoints of the
// desk's Merkle tree, proofs of inclusion and consistency, a verdict's receipts, and verifying
// the desk against a signed checkpoint. The tree is the ledger's (ledger/merkle_log.h), the
// text formats the codec's (codec/transparency.h).
#include "codec/transparency.h"

#include <set>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "codec/canonical_json.h"
#include "codec/events.h"
#include "hash/base64.h"
#include "hash/ed25519.h"
#include "ledger/merkle_log.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {
namespace {

// A checkpoint of this desk: parsed, of its origin, within its events, and with the root its
// tree of that size has. REQUIRES: a transaction is open.
CheckpointFields DeskCheckpoint(Store& store, const Ledger& ledger, const std::string& text) {
  const CheckpointFields fields = ParseCheckpointBody(ParseNote(text).text);
  if (fields.origin != ledger.origin()) {
    throw Invalid("checkpoint.other_origin", "the checkpoint is of origin \"" + fields.origin +
                                                 "\"; this desk's origin is \"" + ledger.origin() +
                                                 "\"");
  }
  const std::int64_t events = store.EventCount();
  if (fields.size > events || fields.size < 1) {
    throw Invalid(
        "checkpoint.beyond_desk",
        "the checkpoint is of a tree of " + std::to_string(fields.size) +
            " events; this desk holds " + std::to_string(events) +
            (fields.size > events ? " (events it had are gone: a truncated history?)" : ""));
  }
  if (StoredTree(store).Root(fields.size) != fields.root) {
    throw Error(Code::kIntegrity, "claimledger.checkpoint.forked",
                "this desk's tree of " + std::to_string(fields.size) +
                    " events has another root than the checkpoint: its history was rewritten "
                    "after the checkpoint was signed (a forked log)");
  }
  return fields;
}

std::string ProofText(Store& store, std::int64_t seq, const std::string& checkpoint,
                      const CheckpointFields& fields) {
  if (seq < 1 || seq > fields.size) {
    throw Invalid("proof.out_of_range", "event " + std::to_string(seq) +
                                            " is not in the checkpoint's tree of " +
                                            std::to_string(fields.size) + " events (seq 1 to " +
                                            std::to_string(fields.size) + ")");
  }
  TlogProof proof;
  proof.index = seq - 1;
  proof.hashes = StoredTree(store).InclusionProof(seq - 1, fields.size);
  proof.checkpoint = checkpoint;
  return FormatTlogProof(proof);
}

}  // namespace

const std::string& Workbench::origin() const { return impl_->ledger->origin(); }

SignedCheckpoint Workbench::SignCheckpoint(const std::string& signer,
                                           const std::optional<std::string>& cosign) {
  const SignerKey key = ParseSignerKey(signer);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  SignedCheckpoint checkpoint;
  std::vector<NoteSignature> others;
  std::string body;
  if (cosign) {
    const CheckpointFields fields = DeskCheckpoint(*impl_->store, *impl_->ledger, *cosign);
    others = ParseNote(*cosign).signatures;
    body = CheckpointBody(fields.origin, fields.size, fields.root);
  } else {
    const std::int64_t size = impl_->store->EventCount();
    body = CheckpointBody(impl_->ledger->origin(), size, StoredTree(*impl_->store).Root(size));
  }
  const CheckpointFields fields = ParseCheckpointBody(body);
  checkpoint.origin = fields.origin;
  checkpoint.size = fields.size;
  checkpoint.root = Base64(BytesOf(fields.root));
  checkpoint.text = SignNote(body, key, others);
  checkpoint.signed_by.push_back(VerifierKeyText(key.name, Ed25519PublicKey(key.seed)));
  return checkpoint;
}

SignedCheckpoint Workbench::RecordCheckpoint(const std::string& checkpoint,
                                             const std::vector<std::string>& verifier_keys) {
  impl_->RequireWritable();
  SignedCheckpoint checked = OpenCheckpoint(checkpoint, verifier_keys);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  DeskCheckpoint(*impl_->store, *impl_->ledger, checkpoint);
  transaction.Append(impl_->actor, CheckpointSigned{checked.origin, checked.size, checked.root,
                                                    checked.signed_by, checked.text});
  transaction.Commit();
  return checked;
}

std::string Workbench::Prove(std::int64_t seq, const std::string& checkpoint) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return ProofText(*impl_->store, seq, checkpoint,
                   DeskCheckpoint(*impl_->store, *impl_->ledger, checkpoint));
}

std::string Workbench::ProveConsistency(const std::string& old_checkpoint,
                                        const std::string& new_checkpoint) {
  const CheckpointFields old_fields = ParseCheckpointBody(ParseNote(old_checkpoint).text);
  const CheckpointFields new_fields = ParseCheckpointBody(ParseNote(new_checkpoint).text);
  if (old_fields.origin != new_fields.origin) {
    throw Invalid("checkpoint.other_origin", "the checkpoints are of two logs, \"" +
                                                 old_fields.origin + "\" and \"" +
                                                 new_fields.origin + "\"");
  }
  if (old_fields.size > new_fields.size) {
    throw Invalid("checkpoint.order", "the old checkpoint (" + std::to_string(old_fields.size) +
                                          " events) is larger than the new one (" +
                                          std::to_string(new_fields.size) +
                                          "): give the older one first");
  }
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  DeskCheckpoint(*impl_->store, *impl_->ledger,
                 new_checkpoint);  // this desk's, and within its events
  const std::vector<TreeHash> proof =
      StoredTree(*impl_->store).ConsistencyProof(old_fields.size, new_fields.size);
  if (const auto why = CheckConsistency(old_fields.size, new_fields.size, old_fields.root,
                                        new_fields.root, proof)) {
    throw Error(Code::kIntegrity, "claimledger.checkpoint.forked",
                "the checkpoints of " + std::to_string(old_fields.size) + " and " +
                    std::to_string(new_fields.size) +
                    " events are not consistent: the history was forked (rewritten after the "
                    "older one was signed): " +
                    *why);
  }
  return FormatHashLines(proof);
}

std::vector<Receipt> Workbench::Receipts(const std::string& claim_id,
                                         const std::string& checkpoint) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  const CheckpointFields fields = DeskCheckpoint(*impl_->store, *impl_->ledger, checkpoint);
  const Claim claim = impl_->RequireClaim(claim_id);
  if (!claim.verdict) {
    throw Invalid("receipt.no_verdict", "claim " + claim_id +
                                            " has no verdict yet; its receipts are those of its "
                                            "current verdict");
  }
  std::vector<std::pair<std::string, std::int64_t>> events{{"claim", claim.origin.seq},
                                                           {"verdict", claim.verdict->origin.seq}};
  std::set<std::string> documents;
  for (const std::string& id : claim.verdict->evidence) {
    const auto evidence = impl_->store->GetEvidence(id);
    if (!evidence) continue;
    events.emplace_back("evidence", evidence->origin.seq);
    if (documents.insert(evidence->quote.snapshot).second) {
      events.emplace_back("snapshot", impl_->RequireSnapshot(evidence->quote.snapshot).origin.seq);
    }
  }
  if (claim.verdict->origin.seq > fields.size) {
    throw Invalid("receipt.after_checkpoint",
                  "the verdict of claim " + claim_id + " is event " +
                      std::to_string(claim.verdict->origin.seq) + ", after the checkpoint's " +
                      std::to_string(fields.size) + " events: sign a new checkpoint first");
  }
  std::vector<Receipt> receipts;
  for (const auto& [role, seq] : events) {
    const Event event = *impl_->store->EventAt(seq);
    Receipt receipt;
    receipt.role = role;
    receipt.seq = seq;
    receipt.type = event.type;
    receipt.proof = ProofText(*impl_->store, seq, checkpoint, fields);
    receipt.leaf = CanonicalEventText(event);
    if (role == "snapshot") {
      for (const std::string& id : claim.verdict->evidence) {
        const auto evidence = impl_->store->GetEvidence(id);
        if (!evidence) continue;
        const Snapshot snapshot = impl_->RequireSnapshot(evidence->quote.snapshot);
        if (snapshot.origin.seq == seq) {
          receipt.snapshot = snapshot.hash;
          receipt.sha256 = snapshot.sha256;
        }
      }
    }
    receipts.push_back(std::move(receipt));
  }
  return receipts;
}

VerifyReport Workbench::VerifySigned(const std::string& checkpoint,
                                     const std::vector<std::string>& verifier_keys,
                                     bool search_indexes) {
  for (const std::string& key : verifier_keys) ParseVerifierKey(key);  // malformed: throws
  const CheckpointFields fields = ParseCheckpointBody(ParseNote(checkpoint).text);
  std::vector<Problem> found;
  try {
    OpenCheckpoint(checkpoint, verifier_keys);
  } catch (const Error& error) {
    if (error.code() != Code::kIntegrity) throw;
    found.push_back({fields.size, "checkpoint-mismatch", error.detail()});
  }
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (fields.origin != impl_->ledger->origin()) {
    found.push_back({fields.size, "checkpoint-mismatch",
                     "the checkpoint is of origin \"" + fields.origin +
                         "\"; this desk's origin is \"" + impl_->ledger->origin() + "\""});
  }
  VerifyReport report =
      impl_->ledger->Verify(std::nullopt, search_indexes, TreeHead{fields.size, fields.root});
  report.problems.insert(report.problems.end(), found.begin(), found.end());
  report.ok = report.problems.empty();
  return report;
}

}  // namespace claimledger
