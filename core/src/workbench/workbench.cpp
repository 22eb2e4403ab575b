// The workbench (claimledger/workbench.h): opening a desk, the lookups its operations share,
// audits (verify, checkpoints, rebuild, views of the past) and moving desks (bundles, merge).
// Writes, reads, search and quotes are in writes.cpp, reads.cpp, search.cpp and quotes.cpp.
#include "claimledger/workbench.h"

#include "claimledger/error.h"
#include "codec/dates.h"
#include "codec/transparency.h"
#include "interop/bundle.h"
#include "interop/merge.h"
#include "store/open_store.h"
#include "text/utf8.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {

Workbench::Impl::Impl(std::unique_ptr<Store> store_in, const WorkbenchOptions& options)
    : store(std::move(store_in)), actor(RequireText("actor", options.actor)) {
  const RatingScale& scale =
      options.custom_scale ? *options.custom_scale : BuiltinScale(options.scale);
  ledger = std::make_unique<Ledger>(*store, scale, actor, options.origin);
  read_only = options.read_only;
  if (options.check_scale && ledger->scale().ToJson() != scale.ToJson()) {
    throw Invalid("scale.fixed", "this desk's rating scale is \"" + ledger->scale().name + "\" (" +
                                     ledger->scale().LabelList() +
                                     "), fixed when it was created; it cannot become \"" +
                                     scale.name + "\" (open it without a scale)");
  }
}

Workbench::Workbench(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Workbench::~Workbench() = default;

std::unique_ptr<Workbench> Workbench::Open(const std::string& path,
                                           const WorkbenchOptions& options) {
  if (!options.custom_scale) BuiltinScale(options.scale);  // fail before touching the file
  RequireText("actor", options.actor);
  if (options.origin) RequireKeyName(*options.origin, "origin", "claimledger.origin.invalid");
  StoreOptions store_options;
  store_options.create = options.create && !options.read_only;
  store_options.read_only = options.read_only;
  return std::unique_ptr<Workbench>(
      new Workbench(std::make_unique<Impl>(OpenStore(path, store_options), options)));
}

const std::string& Workbench::actor() const { return impl_->actor; }

void Workbench::set_actor(const std::string& actor) {
  const std::string clean = RequireText("actor", actor);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->actor = clean;
}

std::optional<std::int64_t> Workbench::as_of() const { return impl_->as_of; }
const RatingScale& Workbench::scale() const { return impl_->ledger->scale(); }
const std::string& Workbench::identity() const { return impl_->ledger->identity(); }

// --- what the operations share ----------------------------------------------------------------

void Workbench::Impl::RequireWritable() const {
  if (read_only) {
    throw Error(Code::kReadOnly, "claimledger.read_only",
                "this desk was opened read-only (read_only=True), so nothing was written; open "
                "it without read_only to write");
  }
  if (as_of) {
    throw Error(Code::kReadOnly, "claimledger.read_only",
                "this is a read-only view of the ledger as of event " + std::to_string(*as_of) +
                    "; write through the workbench itself");
  }
}

void Workbench::Impl::RequireRating(const std::string& rating) const {
  if (ledger->scale().Find(rating) == nullptr) {
    throw Invalid("verdict.unknown_rating",
                  Shown(rating) + " is not a rating on this ledger's scale \"" +
                      ledger->scale().name + "\"; accepted: " + ledger->scale().LabelList());
  }
}

Claim Workbench::Impl::RequireClaim(const std::string& id) {
  if (auto claim = store->GetClaim(id)) {
    const std::map<std::string, ClaimCorrected> last = LastCorrections({id});
    ApplyCorrection(*claim, last.empty() ? nullptr : &last.begin()->second, SourceAliases());
    return *claim;
  }
  throw Error(Code::kNotFound, "claimledger.claim.not_found",
              "no claim with id " + Shown(id) +
                  " in this ledger (claim ids look like clm_ followed by 16 hex digits)");
}

void Workbench::Impl::RequireSourceExists(const std::string& id) {
  if (!store->HasSource(id)) RequireSource(id);  // throws the NotFound error
}

Source Workbench::Impl::RequireSource(const std::string& id) {
  if (auto source = store->GetSource(id)) return *source;
  throw Error(Code::kNotFound, "claimledger.source.not_found",
              "no source with id " + Shown(id) +
                  " in this ledger (source ids look like src_ followed by 16 hex digits)");
}

Snapshot Workbench::Impl::RequireSnapshot(const std::string& hash) {
  if (auto snapshot = store->GetSnapshot(hash)) return *snapshot;
  throw Error(Code::kNotFound, "claimledger.snapshot.not_found",
              "no snapshot with hash " + Shown(hash) +
                  " in this ledger (snapshot hashes look like xxh3-128: followed by 32 hex "
                  "digits)");
}

std::string Workbench::Impl::SnapshotText(const std::string& snapshot, const std::string& why) {
  std::string text = *store->GetContent(snapshot);
  const std::size_t bad = FirstInvalidUtf8(text);
  if (bad != std::string::npos) {
    throw Error(Code::kAnchor, "claimledger.anchor.not_text",
                "snapshot " + snapshot + " is not UTF-8 text (invalid byte at offset " +
                    std::to_string(bad) + "), so " + why);
  }
  return text;
}

// --- audit ----------------------------------------------------------------------------------

VerifyReport Workbench::Verify(const std::optional<Checkpoint>& against, bool search_indexes) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->ledger->Verify(against, search_indexes);
}

Checkpoint Workbench::GetCheckpoint() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->ledger->Head();
}

std::int64_t Workbench::Rebuild() {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->ledger->Rebuild();
}

std::unique_ptr<Workbench> Workbench::AsOf(std::int64_t seq) {
  if (seq < 1) {
    throw Invalid("as_of.seq", "as_of needs a seq of 1 or more (1 is the ledger's creation), not " +
                                   std::to_string(seq));
  }
  std::lock_guard<std::mutex> lock(impl_->mutex);
  StoreOptions private_store;
  auto copy = OpenStore(":memory:", private_store);
  impl_->ledger->CopyUpTo(seq, *copy);
  WorkbenchOptions options;
  options.actor = impl_->actor;
  options.custom_scale = impl_->ledger->scale();
  auto view = std::make_unique<Impl>(std::move(copy), options);
  {
    ReadScope read(*view->store);
    view->as_of = view->store->LastEvent()->seq;
  }
  return std::unique_ptr<Workbench>(new Workbench(std::move(view)));
}

std::unique_ptr<Workbench> Workbench::AsOfTime(const std::string& time) {
  RequireUtf8("as_of time", time);
  auto normal = NormaliseDate(time);
  if (!normal) {
    throw Invalid("input.date", "as_of time " + Shown(time) +
                                    " is not a time; use YYYY-MM-DD or an RFC 3339 time such as "
                                    "2024-10-22T00:00:00Z");
  }
  if (normal->size() == 10) *normal += "T00:00:00.000000Z";
  std::int64_t seq;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ReadScope read(*impl_->store);
    seq = impl_->store->LastSeqAt(*normal);
  }
  if (seq < 1) throw Invalid("as_of.before_creation", "the ledger did not exist yet at " + *normal);
  return AsOf(seq);
}

// --- moving a desk --------------------------------------------------------------------------

Checkpoint Workbench::ExportBundle(const std::string& path) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return claimledger::ExportBundle(*impl_->ledger, path);
}

Checkpoint Workbench::ImportBundle(const std::string& path) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return claimledger::ImportBundle(*impl_->ledger, path);
}

MergeReport Workbench::Merge(const std::string& path) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return MergeDesk(*impl_->ledger, impl_->actor, path);
}

}  // namespace claimledger
