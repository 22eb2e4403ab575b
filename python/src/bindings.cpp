// claimledger._core: the thin pybind11 binding of the C++ workbench. No logic lives
// here: it converts types, maps each claimledger::Error code to one Python exception
// (defined in claimledger/errors.py) and releases the GIL around every call into C++.
// The Pythonic face (objects, keyword defaults, pandas, CLI) is the claimledger package.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <unordered_map>

#include "claimledger/error.h"
#include "claimledger/scale.h"
#include "claimledger/server.h"
#include "claimledger/track_record.h"
#include "claimledger/vocabulary.h"
#include "claimledger/workbench.h"

namespace py = pybind11;
using namespace claimledger;

namespace {

using Release = py::call_guard<py::gil_scoped_release>;

const char* ExceptionName(Code code) {
  switch (code) {
    case Code::kNotFound:
      return "NotFoundError";
    case Code::kInvalidInput:
      return "InvalidInputError";
    case Code::kAnchor:
      return "AnchorError";
    case Code::kIntegrity:
      return "IntegrityError";
    case Code::kStorage:
      return "StorageError";
    case Code::kReadOnly:
      return "ReadOnlyError";
  }
  return "Error";
}

// Optional<double> as a float or None.
py::object OptionalFloat(const std::optional<double>& value) {
  return value ? py::object(py::float_(*value)) : py::object(py::none());
}

// Candidates as plain tuples, fields in the order of claimledger.Candidate and
// claimledger.Quantity: (text, start, end, score, {feature: weight}, ((text, value, low,
// high, unit, qualifier), ...), speaker, said_by), start and end in code points, speaker and
// said_by None when empty. A long article has hundreds of thousands of sentences, and tuples
// cost a fraction of bound objects to make and read.
py::list CandidateRows(const std::vector<Candidate>& candidates) {
  // The feature names as Python strings, made once (names in static storage: a handful of
  // sentence features and the cue words, each in many rows), found by their address.
  static auto* const names = new std::unordered_map<const char*, py::str>();
  const auto name_of = [](std::string_view name) -> const py::str& {
    auto found = names->find(name.data());
    if (found == names->end()) {
      found = names->emplace(name.data(), py::str(name.data(), name.size())).first;
    }
    return found->second;
  };
  const auto optional_text = [](const std::string& text) {
    return text.empty() ? py::object(py::none()) : py::object(py::str(text));
  };
  py::list rows(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    py::dict features;
    for (const CandidateFeature& f : c.features) features[name_of(f.name)] = f.weight;
    py::tuple quantities(c.quantities.size());
    for (std::size_t k = 0; k < c.quantities.size(); ++k) {
      const Quantity& q = c.quantities[k];
      quantities[k] = py::make_tuple(q.text, OptionalFloat(q.value), OptionalFloat(q.low),
                                     OptionalFloat(q.high), q.unit, q.qualifier);
    }
    rows[i] =
        py::make_tuple(c.text, c.code_point_begin, c.code_point_end, c.score, std::move(features),
                       std::move(quantities), optional_text(c.speaker), optional_text(c.said_by));
  }
  return rows;
}

// Runs a write of the workbench without the GIL and returns what it returns; a Ctrl-C that came
// meanwhile is raised from this call (KeyboardInterrupt) once the write is over, so that the
// caller knows that the write it interrupted was committed whole (the core never sees Python).
template <typename Result, typename... Args>
auto ThenSignals(Result (Workbench::*write)(Args...)) {
  return [write](Workbench& w, Args... args) {
    Result result = [&] {
      py::gil_scoped_release release;
      return (w.*write)(std::forward<Args>(args)...);
    }();
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    return result;
  };
}

// ThenSignals for a batch write (AddSources, AddClaims): (ids, whether each record was there
// already).
template <typename Record>
auto BatchThenSignals(std::vector<std::string> (Workbench::*write)(const std::vector<Record>&,
                                                                   std::vector<bool>*)) {
  return [write](Workbench& w, const std::vector<Record>& records) {
    std::vector<bool> already_there;
    std::vector<std::string> ids = ThenSignals(write)(w, records, &already_there);
    return std::make_pair(std::move(ids), std::move(already_there));
  };
}

// Adds the seq/at/actor of an entity's origin as read-only attributes.
template <typename T, typename Class>
void DefOrigin(Class& cls) {
  cls.def_property_readonly("seq", [](const T& t) { return t.origin.seq; })
      .def_property_readonly("at", [](const T& t) { return t.origin.at; })
      .def_property_readonly("actor", [](const T& t) { return t.origin.actor; });
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "The C++ core of claimledger (use the claimledger package, not this module).";

  // The vocabularies (vocabulary.h), as tuples: the Python package reads them from here.
  const auto words = [](const std::vector<std::string>& list) { return py::tuple(py::cast(list)); };
  const auto grades = [](const std::vector<Grade>& list) {
    py::list pairs;
    for (const Grade& grade : list) pairs.append(py::make_tuple(grade.code, grade.meaning));
    return py::tuple(pairs);
  };
  m.attr("CLAIM_STATUSES") = words(ClaimStatuses());
  m.attr("STANCES") = words(Stances());
  m.attr("SOURCE_KINDS") = words(SourceKinds());
  m.attr("RELIABILITY_GRADES") = grades(ReliabilityGrades());
  m.attr("CREDIBILITY_GRADES") = grades(CredibilityGrades());
  m.attr("EVENT_TYPES") = words(EventTypeNames());
  m.attr("REANCHOR_STATUSES") = words(ReanchorStatuses());
  m.attr("BUILTIN_SCALES") = words(BuiltinScaleNames());
  m.attr("CHECK_WORTHY_SCORE") = kCheckWorthyScore;

  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const Error& error) {
      py::object errors = py::module_::import("claimledger.errors");
      py::object type = errors.attr(ExceptionName(error.code()));
      PyErr_SetObject(type.ptr(), py::make_tuple(error.what(), error.id()).ptr());
    }
  });

  py::class_<Quote>(m, "Quote")
      .def_readonly("snapshot", &Quote::snapshot)
      .def_readonly("exact", &Quote::exact)
      .def_readonly("prefix", &Quote::prefix)
      .def_readonly("suffix", &Quote::suffix)
      .def_readonly("start", &Quote::start)
      .def_readonly("end", &Quote::end);

  py::class_<Quantity>(m, "Quantity")
      .def_readonly("text", &Quantity::text)
      .def_readonly("begin", &Quantity::begin)
      .def_readonly("end", &Quantity::end)
      .def_readonly("value", &Quantity::value)
      .def_readonly("low", &Quantity::low)
      .def_readonly("high", &Quantity::high)
      .def_readonly("unit", &Quantity::unit)
      .def_readonly("qualifier", &Quantity::qualifier);
  m.def("parse_quantities", &ParseQuantities, py::arg("text"), Release());
  py::class_<QuantityComparison>(m, "QuantityComparison")
      .def_readonly("claimed", &QuantityComparison::claimed)
      .def_readonly("found", &QuantityComparison::found)
      .def_readonly("outcome", &QuantityComparison::outcome)
      .def_readonly("difference", &QuantityComparison::difference)
      .def_readonly("relative", &QuantityComparison::relative)
      .def_readonly("unit", &QuantityComparison::unit)
      .def_readonly("note", &QuantityComparison::note)
      .def_readonly("evidence", &QuantityComparison::evidence)
      .def_readonly("stance", &QuantityComparison::stance);

  py::class_<Event>(m, "Event")
      .def_readonly("seq", &Event::seq)
      .def_readonly("prev", &Event::prev)
      .def_readonly("type", &Event::type)
      .def_readonly("at", &Event::at)
      .def_readonly("actor", &Event::actor)
      .def_readonly("data_json", &Event::data)
      .def_readonly("hash", &Event::hash);

  py::class_<Source> source(m, "Source");
  source.def_readonly("id", &Source::id)
      .def_readonly("name", &Source::name)
      .def_readonly("kind", &Source::kind)
      .def_readonly("url", &Source::url)
      .def_readonly("affiliation", &Source::affiliation)
      .def_readonly("reliability", &Source::reliability)
      .def_readonly("ref", &Source::ref)
      .def_readonly("attributes_json", &Source::attributes)
      .def_readonly("alias_of", &Source::alias_of);
  DefOrigin<Source>(source);

  py::class_<Snapshot> snapshot(m, "Snapshot");
  snapshot.def_readonly("hash", &Snapshot::hash)
      .def_readonly("sha256", &Snapshot::sha256)
      .def_readonly("size", &Snapshot::size)
      .def_readonly("url", &Snapshot::url)
      .def_readonly("title", &Snapshot::title)
      .def_readonly("publisher", &Snapshot::publisher)
      .def_readonly("published", &Snapshot::published)
      .def_readonly("retrieved", &Snapshot::retrieved);
  DefOrigin<Snapshot>(snapshot);

  py::class_<Verdict> verdict(m, "Verdict");
  verdict.def_readonly("claim", &Verdict::claim)
      .def_readonly("rating", &Verdict::rating)
      .def_readonly("rationale", &Verdict::rationale)
      .def_readonly("evidence", &Verdict::evidence);
  DefOrigin<Verdict>(verdict);

  py::class_<Claim> claim(m, "Claim");
  claim.def_readonly("id", &Claim::id)
      .def_readonly("text", &Claim::text)
      .def_readonly("claimant", &Claim::claimant)
      .def_readonly("status", &Claim::status)
      .def_readonly("tags", &Claim::tags)
      .def_readonly("appearances", &Claim::appearances)
      .def_readonly("quantities", &Claim::quantities)
      .def_readonly("verdict", &Claim::verdict)
      .def_readonly("date", &Claim::date)
      .def_readonly("context", &Claim::context)
      .def_readonly("ref", &Claim::ref)
      .def_readonly("provenance_json", &Claim::provenance)
      .def_readonly("conflict", &Claim::conflict);
  DefOrigin<Claim>(claim);

  py::class_<Evidence> evidence(m, "Evidence");
  evidence.def_readonly("id", &Evidence::id)
      .def_readonly("claim", &Evidence::claim)
      .def_readonly("quote", &Evidence::quote)
      .def_readonly("stance", &Evidence::stance)
      .def_readonly("note", &Evidence::note)
      .def_readonly("credibility", &Evidence::credibility)
      .def_readonly("unlinked", &Evidence::unlinked);
  DefOrigin<Evidence>(evidence);

  py::class_<SourceRating> rating(m, "SourceRating");
  rating.def_readonly("source", &SourceRating::source)
      .def_readonly("grade", &SourceRating::grade)
      .def_readonly("rationale", &SourceRating::rationale);
  DefOrigin<SourceRating>(rating);

  py::class_<Problem>(m, "Problem")
      .def_readonly("seq", &Problem::seq)
      .def_readonly("kind", &Problem::kind)
      .def_readonly("detail", &Problem::detail);

  py::class_<VerifyReport>(m, "VerifyReport")
      .def_readonly("ok", &VerifyReport::ok)
      .def_readonly("events", &VerifyReport::events)
      .def_readonly("problems", &VerifyReport::problems);

  py::class_<Checkpoint>(m, "Checkpoint")
      .def(py::init([](std::string ledger, std::int64_t seq, std::string hash, std::string at) {
             return Checkpoint{std::move(ledger), seq, std::move(hash), std::move(at)};
           }),
           py::arg("ledger"), py::arg("seq"), py::arg("hash"), py::arg("at"))
      .def_readonly("ledger", &Checkpoint::ledger)
      .def_readonly("seq", &Checkpoint::seq)
      .def_readonly("hash", &Checkpoint::hash)
      .def_readonly("at", &Checkpoint::at);

  // Transparency (claimledger/transparency.h): checkpoints, receipts, keys.
  py::class_<SignedCheckpoint>(m, "SignedCheckpoint")
      .def_readonly("origin", &SignedCheckpoint::origin)
      .def_readonly("size", &SignedCheckpoint::size)
      .def_readonly("root", &SignedCheckpoint::root)
      .def_readonly("text", &SignedCheckpoint::text)
      .def_readonly("signed_by", &SignedCheckpoint::signed_by);
  py::class_<VerifiedReceipt>(m, "VerifiedReceipt")
      .def_readonly("checkpoint", &VerifiedReceipt::checkpoint)
      .def_readonly("index", &VerifiedReceipt::index)
      .def_readonly("leaf_hash", &VerifiedReceipt::leaf_hash);
  py::class_<Receipt>(m, "Receipt")
      .def_readonly("role", &Receipt::role)
      .def_readonly("seq", &Receipt::seq)
      .def_readonly("type", &Receipt::type)
      .def_readonly("proof", &Receipt::proof)
      .def_property_readonly("leaf", [](const Receipt& r) { return py::bytes(r.leaf); })
      .def_readonly("snapshot", &Receipt::snapshot)
      .def_readonly("sha256", &Receipt::sha256);
  m.def(
      "generate_key",
      [](const std::string& name) {
        KeyPair pair = GenerateKey(name);
        return std::make_pair(std::move(pair.signer), std::move(pair.verifier));
      },
      py::arg("name"));
  m.def("verifier_of", &VerifierOf, py::arg("signer"));
  m.def("verify_checkpoint", &VerifyCheckpoint, py::arg("text"), py::arg("verifier_keys"),
        Release());
  m.def(
      "verify_receipt",
      [](const std::string& proof, const py::bytes& leaf, const std::vector<std::string>& keys) {
        std::string bytes(leaf);
        py::gil_scoped_release release;
        return VerifyReceipt(proof, bytes, keys);
      },
      py::arg("proof"), py::arg("leaf"), py::arg("verifier_keys"));

  py::class_<RatingScale>(m, "RatingScale")
      .def_readonly("name", &RatingScale::name)
      .def_property_readonly("labels",
                             [](const RatingScale& s) {
                               std::vector<std::string> labels;
                               for (const Rating& r : s.ratings) labels.push_back(r.label);
                               return labels;
                             })
      .def("truth_score", &RatingScale::TruthScore, py::arg("label"))
      .def("to_json", &RatingScale::ToJson);

  py::class_<YearScore>(m, "YearScore")
      .def_readonly("year", &YearScore::year)
      .def_readonly("rated", &YearScore::rated)
      .def_readonly("score", &YearScore::score);

  py::class_<TrackRecord>(m, "TrackRecord")
      .def_readonly("source", &TrackRecord::source)
      .def_readonly("counts", &TrackRecord::counts)
      .def_readonly("verdicts", &TrackRecord::verdicts)
      .def_readonly("rated", &TrackRecord::rated)
      .def_readonly("alpha", &TrackRecord::alpha)
      .def_readonly("beta", &TrackRecord::beta)
      .def_readonly("score", &TrackRecord::score)
      .def_readonly("low", &TrackRecord::low)
      .def_readonly("high", &TrackRecord::high)
      .def_readonly("by_year", &TrackRecord::by_year);

  py::class_<RatingMapping>(m, "RatingMapping")
      .def_readonly("source_label", &RatingMapping::from)
      .def_readonly("target_label", &RatingMapping::to)
      .def_readonly("lossy", &RatingMapping::lossy)
      .def_readonly("note", &RatingMapping::note);

  py::class_<ClaimReviewRating>(m, "ClaimReviewRating")
      .def_readonly("rating_value", &ClaimReviewRating::rating_value)
      .def_readonly("best_rating", &ClaimReviewRating::best_rating)
      .def_readonly("worst_rating", &ClaimReviewRating::worst_rating)
      .def_readonly("alternate_name", &ClaimReviewRating::alternate_name);

  py::enum_<DeskAccess>(m, "DeskAccess")
      .value("WRITER", DeskAccess::kWriter)
      .value("AUDITOR", DeskAccess::kAuditor);
  m.def("list_desks", &ListDesks, py::arg("url"), Release());
  m.def("grant_desk_access", &GrantDeskAccess, py::arg("url"), py::arg("role"), py::arg("access"),
        Release());
  m.def("remove_empty_desk", &RemoveEmptyDesk, py::arg("url"), Release());
  m.def("shown_location", &ShownLocation, py::arg("location"));

  m.def("builtin_scale", &BuiltinScale, py::arg("name"), py::return_value_policy::copy);
  m.def("scale_from_json", &RatingScale::FromJson, py::arg("text"));
  m.def("map_scale", &MapScale, py::arg("source"), py::arg("target"));
  m.def("claimreview_rating", &ToClaimReviewRating, py::arg("scale"), py::arg("label"));

  py::class_<SearchHit>(m, "SearchHit")
      .def_readonly("claim", &SearchHit::claim)
      .def_readonly("score", &SearchHit::score)
      .def_readonly("snippet", &SearchHit::snippet);
  py::class_<SnapshotHit>(m, "SnapshotHit")
      .def_readonly("snapshot", &SnapshotHit::snapshot)
      .def_readonly("score", &SnapshotHit::score)
      .def_readonly("snippet", &SnapshotHit::snippet);

  py::class_<SimilarHit>(m, "SimilarHit")
      .def_readonly("claim", &SimilarHit::claim)
      .def_readonly("score", &SimilarHit::score);

  py::class_<QuoteReanchor>(m, "QuoteReanchor")
      .def_readonly("claim", &QuoteReanchor::claim)
      .def_readonly("evidence", &QuoteReanchor::evidence)
      .def_readonly("old_quote", &QuoteReanchor::old_quote)
      .def_property_readonly(
          "status", [](const QuoteReanchor& q) { return ReanchorStatusName(q.result.status); })
      .def_property_readonly("new_quote", [](const QuoteReanchor& q) { return q.result.quote; })
      .def_property_readonly("similarity",
                             [](const QuoteReanchor& q) { return q.result.similarity; })
      .def_property_readonly("detail", [](const QuoteReanchor& q) { return q.result.detail; });

  py::class_<ReviewNeeded>(m, "ReviewNeeded")
      .def_readonly("claim", &ReviewNeeded::claim)
      .def_readonly("rating", &ReviewNeeded::rating)
      .def_readonly("evidence", &ReviewNeeded::evidence)
      .def_readonly("appearance", &ReviewNeeded::appearance)
      .def_readonly("verdict_cites", &ReviewNeeded::verdict_cites);

  py::class_<ReanchorReport>(m, "ReanchorReport")
      .def_readonly("old_snapshot", &ReanchorReport::old_snapshot)
      .def_readonly("new_snapshot", &ReanchorReport::new_snapshot)
      .def_readonly("old_url", &ReanchorReport::old_url)
      .def_readonly("new_url", &ReanchorReport::new_url)
      .def_readonly("quotes", &ReanchorReport::quotes)
      .def_readonly("needs_review", &ReanchorReport::needs_review);

  py::class_<MergeConflict>(m, "MergeConflict")
      .def_readonly("claim", &MergeConflict::claim)
      .def_readonly("local_rating", &MergeConflict::local_rating)
      .def_readonly("other_rating", &MergeConflict::other_rating)
      .def_readonly("local_rationale", &MergeConflict::local_rationale)
      .def_readonly("other_rationale", &MergeConflict::other_rationale)
      .def_readonly("local_actor", &MergeConflict::local_actor)
      .def_readonly("other_actor", &MergeConflict::other_actor)
      .def_readonly("local_at", &MergeConflict::local_at)
      .def_readonly("other_at", &MergeConflict::other_at)
      .def_readonly("other_ledger", &MergeConflict::other_ledger);

  py::class_<MergeReport>(m, "MergeReport")
      .def_readonly("other", &MergeReport::other)
      .def_readonly("added", &MergeReport::added)
      .def_readonly("skipped", &MergeReport::skipped)
      .def_readonly("conflicts", &MergeReport::conflicts)
      .def_readonly("reopened", &MergeReport::reopened);

  py::class_<NewSource>(m, "NewSource")
      .def(py::init([](std::string name, std::string kind, std::optional<std::string> url,
                       std::optional<std::string> affiliation, std::optional<std::string> ref,
                       const std::string& attributes_json) {
             return NewSource{std::move(name),        std::move(kind), std::move(url),
                              std::move(affiliation), std::move(ref),  attributes_json};
           }),
           py::arg("name"), py::arg("kind"), py::arg("url"), py::arg("affiliation"), py::arg("ref"),
           py::arg("attributes_json"));

  py::class_<NewClaim>(m, "NewClaim")
      .def(
          py::init([](std::string text, std::optional<std::string> claimant,
                      std::optional<std::string> appears_in, std::optional<std::string> quote,
                      std::vector<std::string> tags, std::optional<std::string> date,
                      std::optional<std::string> context, std::optional<std::string> ref,
                      const std::string& provenance_json, std::optional<std::string> verdict_rating,
                      std::optional<std::string> verdict_rationale, bool match_case,
                      std::optional<std::string> status, std::optional<std::string> prefix,
                      std::optional<std::string> suffix) {
            NewClaim claim{std::move(text), std::move(claimant), std::move(appears_in),
                           std::move(quote), std::move(tags)};
            claim.prefix = std::move(prefix);
            claim.suffix = std::move(suffix);
            claim.match_case = match_case;
            claim.date = std::move(date);
            claim.context = std::move(context);
            claim.ref = std::move(ref);
            claim.provenance = provenance_json;
            claim.status = std::move(status);
            if (verdict_rating) {
              claim.verdict = NewVerdict{*verdict_rating, verdict_rationale.value_or("")};
            }
            return claim;
          }),
          py::arg("text"), py::arg("claimant"), py::arg("appears_in"), py::arg("quote"),
          py::arg("tags"), py::arg("date"), py::arg("context"), py::arg("ref"),
          py::arg("provenance_json"), py::arg("verdict_rating"), py::arg("verdict_rationale"),
          py::arg("match_case") = true, py::arg("status") = py::none(),
          py::arg("prefix") = py::none(), py::arg("suffix") = py::none());

  py::class_<Workbench>(m, "Workbench")
      .def(py::init([](const std::string& path, const std::string& actor, const std::string& scale,
                       std::optional<RatingScale> custom_scale, bool create,
                       std::optional<std::string> origin, bool read_only, bool check_scale) {
             WorkbenchOptions options;
             options.actor = actor;
             options.scale = scale;
             options.custom_scale = std::move(custom_scale);
             options.create = create;
             options.origin = std::move(origin);
             options.read_only = read_only;
             options.check_scale = check_scale;
             return Workbench::Open(path, options);
           }),
           py::arg("path"), py::arg("actor"), py::arg("scale"), py::arg("custom_scale"),
           py::arg("create"), py::arg("origin") = std::nullopt, py::arg("read_only") = false,
           py::arg("check_scale") = false, Release())
      .def_property_readonly("origin", &Workbench::origin)
      .def("sign_checkpoint", &Workbench::SignCheckpoint, py::arg("signer"),
           py::arg("cosign") = std::nullopt, Release())
      .def("record_checkpoint", &Workbench::RecordCheckpoint, py::arg("checkpoint"),
           py::arg("verifier_keys"), Release())
      .def("prove", &Workbench::Prove, py::arg("seq"), py::arg("checkpoint"), Release())
      .def("prove_consistency", &Workbench::ProveConsistency, py::arg("old_checkpoint"),
           py::arg("new_checkpoint"), Release())
      .def("receipts", &Workbench::Receipts, py::arg("claim"), py::arg("checkpoint"), Release())
      .def("verify_signed", &Workbench::VerifySigned, py::arg("checkpoint"),
           py::arg("verifier_keys"), py::arg("search_indexes") = true, Release())
      .def_property("actor", &Workbench::actor, &Workbench::set_actor)
      .def_property_readonly("identity", &Workbench::identity)
      .def_property_readonly("scale", &Workbench::scale, py::return_value_policy::copy)
      .def("add_sources", BatchThenSignals(&Workbench::AddSources), py::arg("sources"))
      .def(
          "add_snapshot",
          [](Workbench& w, const py::bytes& content, std::optional<std::string> url,
             std::optional<std::string> title, std::optional<std::string> publisher,
             std::optional<std::string> published, std::optional<std::string> retrieved) {
            NewSnapshot snapshot{std::string(content), std::move(url),       std::move(title),
                                 std::move(publisher), std::move(published), std::move(retrieved)};
            py::gil_scoped_release release;
            return w.AddSnapshot(snapshot);
          },
          py::arg("content"), py::arg("url"), py::arg("title"), py::arg("publisher"),
          py::arg("published"), py::arg("retrieved"))
      .def("add_claims", BatchThenSignals(&Workbench::AddClaims), py::arg("claims"))
      .def(
          "add_claim", [](Workbench& w, const NewClaim& claim) { return w.AddClaim(claim); },
          py::arg("claim"), Release())
      .def(
          "link_evidence",
          [](Workbench& w, std::string claim, std::string snapshot, std::string quote,
             std::string stance, std::optional<std::string> note,
             std::optional<std::string> credibility, bool match_case,
             std::optional<std::string> prefix, std::optional<std::string> suffix) {
            return w.LinkEvidence({std::move(claim), std::move(snapshot), std::move(quote),
                                   std::move(stance), std::move(note), std::move(credibility),
                                   match_case, std::move(prefix), std::move(suffix)});
          },
          py::arg("claim"), py::arg("snapshot"), py::arg("quote"), py::arg("stance"),
          py::arg("note"), py::arg("credibility"), py::arg("match_case") = true,
          py::arg("prefix") = std::nullopt, py::arg("suffix") = std::nullopt, Release())
      .def("set_verdict", &Workbench::SetVerdict, py::arg("claim"), py::arg("rating"),
           py::arg("rationale"), py::arg("evidence"), Release())
      .def("set_status", &Workbench::SetStatus, py::arg("claim"), py::arg("status"), Release())
      .def("rate_source", &Workbench::RateSource, py::arg("source"), py::arg("grade"),
           py::arg("rationale"), Release())
      .def("retract", &Workbench::Retract, py::arg("claim"), py::arg("reason"), Release())
      .def("unlink_evidence", &Workbench::UnlinkEvidence, py::arg("evidence"), py::arg("reason"),
           Release())
      .def("correct_claim", &Workbench::CorrectClaim, py::arg("claim"), py::arg("text"),
           py::arg("claimant"), py::arg("reason"), py::arg("quote"), Release())
      .def("merge_sources", &Workbench::MergeSources, py::arg("source"), py::arg("into"),
           py::arg("reason"), Release())
      .def("find_source", &Workbench::FindSource, py::arg("id_or_name"), Release())
      .def("claim", &Workbench::GetClaim, py::arg("id"), Release())
      .def("claims_of", &Workbench::GetClaims, py::arg("ids"), Release())
      .def(
          "claims",
          [](Workbench& w, std::optional<std::string> status, std::optional<std::string> rating,
             std::optional<std::string> claimant, std::optional<std::string> tag,
             std::int64_t limit, bool conflict) {
            return w.Claims({std::move(status), std::move(rating), std::move(claimant),
                             std::move(tag), limit, conflict});
          },
          py::arg("status"), py::arg("rating"), py::arg("claimant"), py::arg("tag"),
          py::arg("limit"), py::arg("conflict"), Release())
      .def("source", &Workbench::GetSource, py::arg("id"), Release())
      .def("sources", &Workbench::Sources, py::arg("name"), Release())
      .def("snapshot", &Workbench::GetSnapshot, py::arg("hash"), Release())
      .def("snapshots", &Workbench::Snapshots, Release())
      .def(
          "snapshot_content",
          [](Workbench& w, const std::string& hash) {
            std::string content;
            {
              py::gil_scoped_release release;
              content = w.SnapshotContent(hash);
            }
            return py::bytes(content);
          },
          py::arg("hash"))
      .def("evidence", &Workbench::GetEvidence, py::arg("id"), Release())
      .def("evidence_for", &Workbench::EvidenceFor, py::arg("claim"), Release())
      .def("verdicts", &Workbench::Verdicts, py::arg("claim"), Release())
      .def("source_ratings", &Workbench::SourceRatings, py::arg("source"), Release())
      .def("history", &Workbench::History, py::arg("id"), Release())
      .def("events", &Workbench::Events, py::arg("first"), py::arg("last"), Release())
      .def("event_count", &Workbench::EventCount, Release())
      .def("verify", &Workbench::Verify, py::arg("against"), py::arg("search_indexes") = true,
           Release())
      .def("checkpoint", &Workbench::GetCheckpoint, Release())
      .def("rebuild", &Workbench::Rebuild, Release())
      .def("export_bundle", &Workbench::ExportBundle, py::arg("path"), Release())
      .def("import_bundle", ThenSignals(&Workbench::ImportBundle), py::arg("path"))
      .def("merge", &Workbench::Merge, py::arg("path"), Release())
      .def("similar", &Workbench::Similar, py::arg("text"), py::arg("k"), Release())
      .def("compare_quantities", &Workbench::CompareQuantities, py::arg("claim"), Release())
      .def("reanchor", &Workbench::Reanchor, py::arg("old_snapshot"), py::arg("new_snapshot"),
           Release())
      .def(
          "candidates",
          [](Workbench& w, const std::string& snapshot_hash) {
            std::vector<Candidate> found;
            {
              py::gil_scoped_release release;
              found = w.Candidates(snapshot_hash);
            }
            return CandidateRows(found);
          },
          py::arg("snapshot_hash"))
      .def(
          "search",
          [](Workbench& w, const std::string& query, std::optional<std::string> status,
             std::optional<std::string> rating, std::optional<std::string> claimant,
             std::optional<std::string> tag, std::int64_t limit, std::optional<std::string> since,
             std::optional<std::string> until, bool match_any) {
            return w.Search(
                query,
                {std::move(status), std::move(rating), std::move(claimant), std::move(tag), limit},
                since, until, match_any);
          },
          py::arg("query"), py::arg("status"), py::arg("rating"), py::arg("claimant"),
          py::arg("tag"), py::arg("limit"), py::arg("since"), py::arg("until"),
          py::arg("match_any"), Release())
      .def("search_snapshots", &Workbench::SearchSnapshots, py::arg("query"), py::arg("limit"),
           py::arg("match_any"), Release())
      .def("track_record", &Workbench::GetTrackRecord, py::arg("source"), Release())
      .def("track_records", &Workbench::TrackRecords, Release())
      .def("as_of", &Workbench::AsOf, py::arg("seq"), Release())
      .def("as_of_time", &Workbench::AsOfTime, py::arg("time"), Release())
      .def_property_readonly("as_of_seq", &Workbench::as_of);
}
