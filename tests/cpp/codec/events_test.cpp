// The events' data: each type's JSON is exactly what claimledger has always written (the
// hashes of existing events depend on it), reads back the same, and older data without the
// optional keys still reads.
#include "codec/events.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "codec/canonical_json.h"

namespace claimledger {
namespace {

template <typename Data, typename Read>
void ExpectWrittenAndReadBack(const Data& data, const std::string& canonical, Read read) {
  EXPECT_EQ(CanonicalData(data), canonical);  // what the ledger appends
  JsonView view;
  ASSERT_TRUE(view.Parse(canonical));
  EXPECT_EQ(CanonicalData(read(view.root())), canonical);
}

TEST(EventsTest, TypesHaveTheirNames) {
  EXPECT_EQ(EventTypeName(EventType::kClaimAdded), "claim.added");
  for (int type = 0; type < kEventTypeCount; ++type) {
    const auto event_type = static_cast<EventType>(type);
    EXPECT_EQ(ParseEventType(EventTypeName(event_type)), event_type);
  }
  EXPECT_FALSE(ParseEventType("claim.deleted"));
}

TEST(EventsTest, EachTypeWritesItsKeysAndReadsThemBack) {
  LedgerCreated created;
  created.scale = R"({"name":"fever","ratings":[{"label":"supports","rank":0}]})";
  created.nonce = "00ff";
  ExpectWrittenAndReadBack(created,
                           R"({"format":"claimledger","nonce":"00ff","scale":{"name":"fever",)"
                           R"("ratings":[{"label":"supports","rank":0}]},"version":1})",
                           ReadLedgerCreated);

  SourceAdded source;
  source.name = "Courier";
  source.kind = "outlet";
  source.url = "https://courier.example.org";
  source.attributes = R"({"city":"Seoul"})";
  ExpectWrittenAndReadBack(source,
                           R"({"affiliation":null,"attributes":{"city":"Seoul"},"kind":"outlet",)"
                           R"("name":"Courier","ref":null,"url":"https://courier.example.org"})",
                           ReadSourceAdded);

  SnapshotAdded snapshot;
  snapshot.hash = "xxh3-128:00";
  snapshot.sha256 = "sha256:11";
  snapshot.size = 5;
  snapshot.published = "2024-10-21";
  ExpectWrittenAndReadBack(snapshot,
                           R"({"hash":"xxh3-128:00","published":"2024-10-21","publisher":null,)"
                           R"("retrieved":null,"sha256":"sha256:11","size":5,"title":null,)"
                           R"("url":null})",
                           ReadSnapshotAdded);

  ClaimAdded claim;
  claim.text = "About 28,500 troops.";
  claim.tags = {"korea"};
  Quantity quantity;
  quantity.text = "About 28,500 troops";
  quantity.end = 19;
  quantity.value = 28500;
  quantity.unit = "troops";
  quantity.qualifier = "about";
  claim.quantities = {quantity};
  claim.appears_in = Quote{"xxh3-128:00", "28,500", "About ", " troops", 6, 12};
  ExpectWrittenAndReadBack(
      claim,
      R"({"appears_in":{"end":12,"exact":"28,500","prefix":"About ","snapshot":"xxh3-128:00",)"
      R"("start":6,"suffix":" troops"},"claimant":null,"context":null,"date":null,)"
      R"("provenance":null,"quantities":[{"begin":0,"end":19,"high":null,"low":null,)"
      R"("qualifier":"about","text":"About 28,500 troops","unit":"troops","value":"28500"}],)"
      R"("ref":null,"tags":["korea"],"text":"About 28,500 troops."})",
      [](const JsonValue& data) { return ReadClaimAdded(data); });

  EvidenceLinked evidence;
  evidence.claim = "clm_1";
  evidence.quote = Quote{"xxh3-128:00", "28,500", "", "", 0, 6};
  evidence.stance = "supports";
  evidence.credibility = "2";
  ExpectWrittenAndReadBack(evidence,
                           R"({"claim":"clm_1","credibility":"2","note":null,"quote":{"end":6,)"
                           R"("exact":"28,500","prefix":"","snapshot":"xxh3-128:00","start":0,)"
                           R"("suffix":""},"stance":"supports"})",
                           ReadEvidenceLinked);

  ExpectWrittenAndReadBack(VerdictSet{"clm_1", "true", "agrees", {"evd_1"}},
                           R"({"claim":"clm_1","evidence":["evd_1"],"rating":"true",)"
                           R"("rationale":"agrees"})",
                           ReadVerdictSet);
  ExpectWrittenAndReadBack(StatusSet{"clm_1", "published", "new"},
                           R"({"claim":"clm_1","from":"new","status":"published"})", ReadStatusSet);
  // An approval names the verdict it approves; a change the desk made itself says why.
  ExpectWrittenAndReadBack(
      StatusSet{"clm_1", "in-progress", "published", std::nullopt, "a new verdict"},
      R"({"claim":"clm_1","from":"published","reason":"a new verdict","status":"in-progress"})",
      ReadStatusSet);
  ExpectWrittenAndReadBack(StatusSet{"clm_1", "reviewed", "in-progress", "ab12"},
                           R"({"claim":"clm_1","from":"in-progress","status":"reviewed",)"
                           R"("verdict":"ab12"})",
                           ReadStatusSet);
  ExpectWrittenAndReadBack(
      VerdictConflict{"clm_1", "led", {"true", "agrees", "ana", "t1"}, {"false", "no", "bo", "t2"}},
      R"({"claim":"clm_1","ledger":"led","local":{"actor":"ana","at":"t1","rating":"true",)"
      R"("rationale":"agrees"},"other":{"actor":"bo","at":"t2","rating":"false",)"
      R"("rationale":"no"}})",
      ReadVerdictConflict);
  // Corrections: each with its reason.
  ExpectWrittenAndReadBack(ClaimRetracted{"clm_1", "published", "never said"},
                           R"({"claim":"clm_1","from":"published","reason":"never said"})",
                           ReadClaimRetracted);
  ExpectWrittenAndReadBack(EvidenceUnlinked{"evd_1", "clm_1", "wrong year"},
                           R"({"claim":"clm_1","evidence":"evd_1","reason":"wrong year"})",
                           ReadEvidenceUnlinked);
  ExpectWrittenAndReadBack(SourceMerged{"src_2", "src_1", "same person"},
                           R"({"into":"src_1","reason":"same person","source":"src_2"})",
                           ReadSourceMerged);
  ExpectWrittenAndReadBack(
      ClaimCorrected{"clm_1", "New.", "src_2", "Old.", std::nullopt, {}, std::nullopt, "typo"},
      R"({"claim":"clm_1","claimant":"src_2","from":{"claimant":null,)"
      R"("text":"Old."},"quantities":[],"reason":"typo","text":"New."})",
      ReadClaimCorrected);
  ExpectWrittenAndReadBack(SourceRated{"src_1", "B", "usually reliable"},
                           R"({"grade":"B","rationale":"usually reliable","source":"src_1"})",
                           ReadSourceRated);
  ExpectWrittenAndReadBack(
      CheckpointSigned{"news.example/desk",
                       12,
                       "AAAA",
                       {"news.example/desk+01020304+AQID"},
                       "news.example/desk\n12\nAAAA\n\n\u2014 sig\n"},
      R"({"checkpoint":"news.example/desk\n12\nAAAA\n\n— sig\n","origin":"news.example/desk",)"
      R"("root":"AAAA","signed_by":["news.example/desk+01020304+AQID"],"size":12})",
      ReadCheckpointSigned);
}

TEST(EventsTest, OlderDataWithoutOptionalKeysStillReads) {
  JsonView view;
  ASSERT_TRUE(view.Parse(
      R"({"appears_in":null,"claimant":null,"quantities":[],"tags":[],"text":"Old claim."})"));
  const ClaimAdded claim = ReadClaimAdded(view.root());
  EXPECT_EQ(claim.text, "Old claim.");
  EXPECT_FALSE(claim.date);
  EXPECT_EQ(claim.provenance, "null");
  ASSERT_TRUE(view.Parse(R"({"claim":"clm_1","status":"reviewed"})"));
  EXPECT_FALSE(ReadStatusSet(view.root()).from);
  ASSERT_TRUE(view.Parse(R"({"kind":"outlet","name":"Courier"})"));
  EXPECT_EQ(ReadSourceAdded(view.root()).attributes, "{}");
  ASSERT_TRUE(view.Parse(R"({"claim":"clm_1","rating":"true"})"));  // no rationale
  EXPECT_THROW(ReadVerdictSet(view.root()), JsonFieldError);
}

TEST(EventsTest, AMergedChangeKeepsItsOriginAndGainsWhoMergedIt) {
  const nlohmann::json data =
      WithMergeOrigin(ToJson(SourceRated{"src_1", "B", "why"}), "sha256:aa", "sha256:bb",
                      "2026-01-01T00:00:00.000000Z", "bob", "alice");
  const std::string text = CanonicalJson(data);
  JsonView view;
  ASSERT_TRUE(view.Parse(text));
  const std::optional<MergeOrigin> origin = ReadMergeOrigin(view.root());
  ASSERT_TRUE(origin);
  EXPECT_EQ(origin->ledger, "sha256:aa");
  EXPECT_EQ(origin->hash, "sha256:bb");
  EXPECT_EQ(data["origin"]["actor"], "bob");
  EXPECT_EQ(data["origin"]["merged_by"], "alice");
  // Merged again to a third desk: the first origin stays, the one who merged it changes.
  const nlohmann::json again = WithMergeOrigin(data, "sha256:cc", "sha256:dd", "t", "x", "carol");
  EXPECT_EQ(again["origin"]["ledger"], "sha256:aa");
  EXPECT_EQ(again["origin"]["merged_by"], "carol");
}

// A claim and a verdict are written directly (CanonicalWriter); an independent writing of the
// same values as nlohmann values, printed by CanonicalJson, gives the same bytes, for texts that
// need escaping, decimals, optional members left out, and attributes given in any order.
TEST(EventsTest, AClaimAndAVerdictAreWrittenAsCanonicalJsonWouldWriteThem) {
  const std::vector<std::string> texts = {
      "",
      "plain",
      "quote \" and back\\slash",
      "tab\tnew\nline\r\b\f",
      std::string("nul\0x", 5),
      "\x01\x1f\x7f del",
      "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xb0 \xe4\xb8\xad\xe6\x96\x87"};
  const auto optional = [](const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
  };
  int n = 0;
  for (const std::string& text : texts) {
    ++n;
    ClaimAdded claim;
    claim.text = text;
    if (n % 2) claim.claimant = "src_" + text;
    if (n % 3) claim.context = text + " (context)";
    claim.date = n % 2 ? std::optional<std::string>("2024-10-21") : std::nullopt;
    claim.ref = n % 4 ? std::optional<std::string>(text) : std::nullopt;
    claim.tags = n % 2 ? std::vector<std::string>{text, "z"} : std::vector<std::string>{};
    claim.provenance = n % 3 ? R"({ "row" : 7, "file":"train.tsv" })" : "null";
    Quantity quantity;
    quantity.text = text;
    quantity.begin = n;
    quantity.end = 1000 + n;
    quantity.value = n % 2 ? std::optional<double>(28500.0 / n) : std::nullopt;
    quantity.low = 0.5;
    quantity.unit = text;
    quantity.qualifier = "about";
    claim.quantities = {quantity, Quantity{}};
    if (n % 2) claim.appears_in = Quote{"xxh3-128:00", text, text + "<", ">", 3, 9};

    nlohmann::json quantities = nlohmann::json::array();
    for (const Quantity& q : claim.quantities) {
      const auto decimal = [](const std::optional<double>& value) {
        return value ? nlohmann::json(DecimalText(*value)) : nlohmann::json();
      };
      quantities.push_back({{"begin", q.begin},
                            {"end", q.end},
                            {"high", decimal(q.high)},
                            {"low", decimal(q.low)},
                            {"qualifier", q.qualifier},
                            {"text", q.text},
                            {"unit", q.unit},
                            {"value", decimal(q.value)}});
    }
    nlohmann::json appears_in;
    if (claim.appears_in) {
      const Quote& q = *claim.appears_in;
      appears_in = {{"snapshot", q.snapshot}, {"exact", q.exact}, {"prefix", q.prefix},
                    {"suffix", q.suffix},     {"start", q.start}, {"end", q.end}};
    }
    const nlohmann::json expected = {{"text", claim.text},
                                     {"claimant", optional(claim.claimant)},
                                     {"appears_in", appears_in},
                                     {"tags", claim.tags},
                                     {"quantities", quantities},
                                     {"date", optional(claim.date)},
                                     {"context", optional(claim.context)},
                                     {"ref", optional(claim.ref)},
                                     {"provenance", nlohmann::json::parse(claim.provenance)}};
    EXPECT_EQ(CanonicalData(claim), CanonicalJson(expected)) << "text " << n;

    const VerdictSet verdict{
        "clm_" + text, text, text + "!",
        n % 2 ? std::vector<std::string>{} : std::vector<std::string>{text, "evd_2"}};
    const nlohmann::json expected_verdict = {{"claim", verdict.claim},
                                             {"rating", verdict.rating},
                                             {"rationale", verdict.rationale},
                                             {"evidence", verdict.evidence}};
    EXPECT_EQ(CanonicalData(verdict), CanonicalJson(expected_verdict)) << "text " << n;
  }
}

// Text that is not UTF-8 is refused as CanonicalJson refuses it, wherever it is.
TEST(EventsTest, AClaimOfTextThatIsNotUtf8IsRefused) {
  for (const std::string& bad :
       {std::string("caf\xe9"), std::string("\xc3"), std::string("\xff ok")}) {
    ClaimAdded claim;
    claim.text = "fine";
    claim.tags = {bad};
    try {
      CanonicalData(claim);
      ADD_FAILURE() << "no error for a tag that is not UTF-8";
    } catch (const Error& error) {
      EXPECT_EQ(error.id(), "claimledger.json.utf8");
    }
    EXPECT_THROW(CanonicalData(VerdictSet{"clm_1", "true", bad, {}}), Error);
  }
}

}  // namespace
}  // namespace claimledger
