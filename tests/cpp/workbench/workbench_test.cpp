// The workbench facade end to end on a real SQLite file: every operation, bad input that
// writes nothing, reopening, loading, track records and search. verify() catching edits made
// behind the ledger's back is in verify_test.cpp.
#include "claimledger/workbench.h"

#include <gtest/gtest.h>

#include <functional>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "test_util.h"
#include "workbench/sample_desk.h"

namespace claimledger {
namespace {

using testing_util::BuildDesk;
using testing_util::Desk;
using testing_util::kArticle;
using testing_util::kFactSheet;
using testing_util::Open;
using testing_util::RawSql;
using testing_util::TempLedgerPath;

TEST(WorkbenchTest, RecordsADeskAndReadsItBack) {
  auto wb = Open(":memory:");
  const Desk desk = BuildDesk(*wb);

  const Claim claim = wb->GetClaim(desk.claim);
  EXPECT_EQ(claim.text, "About 28,500 US troops are in South Korea.");
  EXPECT_EQ(claim.status, "published");
  EXPECT_EQ(claim.tags, (std::vector<std::string>{"korea", "military"}));
  ASSERT_TRUE(claim.verdict);
  EXPECT_EQ(claim.verdict->rating, "true");
  EXPECT_EQ(claim.verdict->evidence, std::vector<std::string>{desk.evidence});
  EXPECT_EQ(claim.verdict->origin.actor, "alice");
  ASSERT_EQ(claim.appearances.size(), 1u);
  EXPECT_EQ(claim.appearances[0].snapshot, desk.article);
  EXPECT_EQ(claim.appearances[0].start, 48u);
  EXPECT_EQ(claim.appearances[0].prefix.substr(claim.appearances[0].prefix.size() - 6), "keeps ");
  ASSERT_FALSE(claim.quantities.empty());
  EXPECT_EQ(claim.quantities[0].value, 28500);

  EXPECT_EQ(wb->Verdicts(desk.claim).size(), 2u);  // the revision appended, nothing lost
  EXPECT_EQ(wb->GetSource(desk.outlet).reliability, "B");
  EXPECT_EQ(wb->GetSnapshot(desk.article).published, "2024-10-21");
  EXPECT_EQ(wb->GetSnapshot(desk.article).retrieved, "2024-10-22T08:15:00.000000Z");
  EXPECT_EQ(wb->SnapshotContent(desk.article), kArticle);
  EXPECT_EQ(wb->GetEvidence(desk.evidence).quote.exact, "About 28,500 U.S. service members");
  EXPECT_EQ(desk.claim.substr(0, 4), "clm_");
  EXPECT_EQ(desk.claim.size(), 20u);  // 64 bits of the creating event's hash

  const auto history = wb->History(desk.claim);
  std::vector<std::string> types;
  for (const Event& event : history) types.push_back(event.type);
  EXPECT_EQ(types, (std::vector<std::string>{"claim.added", "evidence.linked", "verdict.set",
                                             "verdict.set", "status.set"}));
  EXPECT_TRUE(wb->Verify().ok);
}

TEST(WorkbenchTest, FiltersClaims) {
  auto wb = Open(":memory:");
  const Desk desk = BuildDesk(*wb);
  const std::string other =
      wb->AddClaim({"The war ended in 1953.", desk.reporter, {}, {}, {"history"}}).id;
  EXPECT_EQ(wb->Claims({}).size(), 2u);
  EXPECT_EQ(wb->Claims({"published", {}, {}, {}, -1}).size(), 1u);
  EXPECT_EQ(wb->Claims({{}, "true", {}, {}, -1}).front().id, desk.claim);
  EXPECT_EQ(wb->Claims({{}, {}, desk.reporter, {}, -1}).front().id, other);
  EXPECT_EQ(wb->Claims({{}, {}, {}, "history", -1}).front().id, other);
  EXPECT_EQ(wb->Claims({{}, {}, {}, {}, 1}).size(), 1u);
  EXPECT_TRUE(wb->Claims({"new", "false", {}, {}, -1}).empty());
}

TEST(WorkbenchTest, SnapshotsAreStoredOncePerContent) {
  auto wb = Open(":memory:");
  const auto first = wb->AddSnapshot({kArticle, "https://a.example.org", {}, {}, {}, {}});
  const std::int64_t events = wb->EventCount();
  const auto again = wb->AddSnapshot({kArticle, "https://b.example.org", {}, {}, {}, {}});
  EXPECT_EQ(first.hash, again.hash);
  EXPECT_EQ(again.url, "https://a.example.org");
  EXPECT_EQ(wb->EventCount(), events);
  EXPECT_EQ(first.hash, ContentId(kArticle));
  EXPECT_EQ(first.sha256, Sha256(kArticle));
}

TEST(WorkbenchTest, ReopeningShowsTheSameStateAndHistory) {
  TempLedgerPath path;
  Desk desk;
  std::string identity;
  std::vector<Event> events;
  {
    auto wb = Open(path.str());
    desk = BuildDesk(*wb);
    identity = wb->identity();
    events = wb->Events();
  }
  auto wb = Open(path.str(), "bob");
  EXPECT_EQ(wb->identity(), identity);
  const auto reopened = wb->Events();
  ASSERT_EQ(reopened.size(), events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(reopened[i].hash, events[i].hash);
    EXPECT_EQ(reopened[i].data, events[i].data);
  }
  EXPECT_EQ(wb->GetClaim(desk.claim).verdict->rating, "true");
  EXPECT_TRUE(wb->Verify().ok);
  wb->SetStatus(desk.claim, "in-progress");
  EXPECT_EQ(wb->History(desk.claim).back().actor, "bob");
}

TEST(WorkbenchTest, ScaleIsFixedAtCreation) {
  TempLedgerPath path;
  {
    WorkbenchOptions options;
    options.scale = "politifact";
    auto wb = Workbench::Open(path.str(), options);
    EXPECT_EQ(wb->scale().name, "politifact");
  }
  auto wb = Open(path.str());  // asks for the default scale; the ledger keeps its own
  EXPECT_EQ(wb->scale().name, "politifact");
  const std::string claim = wb->AddClaim({"Pants on fire.", {}, {}, {}, {}}).id;
  EXPECT_EQ(wb->SetVerdict(claim, "pants-fire", "no", {}).rating, "pants-fire");
  EXPECT_THROW(wb->SetVerdict(claim, "mixed", "no", {}), Error);
}

TEST(WorkbenchTest, AnotherScaleAskedOfAnExistingDeskIsRefusedNamingItsOwn) {
  TempLedgerPath path;
  WorkbenchOptions politifact;
  politifact.scale = "politifact";
  Workbench::Open(path.str(), politifact);
  WorkbenchOptions fever;
  fever.scale = "fever";
  fever.check_scale = true;
  try {
    Workbench::Open(path.str(), fever);
    FAIL() << "a desk took another scale";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.scale.fixed");
    EXPECT_NE(error.detail().find("this desk's rating scale is \"politifact\""), std::string::npos)
        << error.detail();
  }
  politifact.check_scale = true;
  EXPECT_EQ(Workbench::Open(path.str(), politifact)->EventCount(), 1);
}

TEST(WorkbenchTest, AReadOnlyDeskReadsAndRefusesWritesWritingNothing) {
  TempLedgerPath path;
  {
    auto wb = Open(path.str());
    BuildDesk(*wb);
  }
  WorkbenchOptions options;
  options.read_only = true;
  auto wb = Workbench::Open(path.str(), options);
  const std::int64_t events = wb->EventCount();
  EXPECT_TRUE(wb->Verify().ok);
  try {
    wb->AddSource({"AP"});
    FAIL() << "a read-only desk took a source";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kReadOnly);
    EXPECT_EQ(error.id(), "claimledger.read_only");
  }
  EXPECT_THROW(wb->AddSnapshot({"More text."}), Error);
  EXPECT_THROW(wb->Rebuild(), Error);
  EXPECT_EQ(wb->EventCount(), events);
  TempLedgerPath missing;
  try {
    Workbench::Open(missing.str(), options);  // read-only never creates, even with create
    FAIL() << "a read-only open created a desk";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
    EXPECT_NE(error.detail().find("claimledger init"), std::string::npos) << error.detail();
  }
}

TEST(WorkbenchTest, AClaimsAmbiguousQuoteIsPlacedByPrefixOrSuffix) {
  auto wb = Open(":memory:");
  const std::string snap =
      wb->AddSnapshot({"In 2018: 28,500 troops. In 2024: 28,500 troops."}).hash;
  NewClaim claim{"About 28,500 troops.", {}, snap, "28,500 troops", {}};
  EXPECT_THROW(wb->AddClaim(claim), Error);
  claim.prefix = "2024: ";
  EXPECT_EQ(wb->AddClaim(claim).appearances.at(0).start, 33u);
  claim.prefix.reset();
  claim.suffix = ". In";
  claim.text = "Then 28,500 troops.";
  EXPECT_EQ(wb->AddClaim(claim).appearances.at(0).start, 9u);
  NewClaim no_quote{"28,500 troops", {}, snap, {}, {}};
  try {
    wb->AddClaim(no_quote);
    FAIL() << "an ambiguous claim text was placed";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.anchor.ambiguous");
    EXPECT_NE(error.detail().find("the claim's text itself was looked for"), std::string::npos)
        << error.detail();
  }
}

TEST(WorkbenchTest, AnEmptySnapshotIsRefused) {
  auto wb = Open(":memory:");
  try {
    wb->AddSnapshot({""});
    FAIL() << "an empty snapshot was stored";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.snapshot.empty");
  }
  EXPECT_EQ(wb->EventCount(), 1);
}

// --- bad input: the documented error, and nothing written ---------------------------------

struct BadInput {
  const char* name;
  Code code;
  const char* id;
  std::function<void(Workbench&, const Desk&)> call;
};

TEST(WorkbenchTest, BadInputRaisesAndWritesNothing) {
  const std::vector<BadInput> cases = {
      {"empty claim", Code::kInvalidInput, "claimledger.input.empty",
       [](Workbench& wb, const Desk&) {
         wb.AddClaim({"   \n", {}, {}, {}, {}});
       }},
      {"unknown claimant", Code::kNotFound, "claimledger.source.not_found",
       [](Workbench& wb, const Desk&) {
         wb.AddClaim({"x", "src_0000000000000000", {}, {}, {}});
       }},
      {"unknown claim", Code::kNotFound, "claimledger.claim.not_found",
       [](Workbench& wb, const Desk&) { wb.SetVerdict("clm_nope", "true", "r", {}); }},
      {"unknown snapshot", Code::kNotFound, "claimledger.snapshot.not_found",
       [](Workbench& wb, const Desk& d) {
         wb.LinkEvidence({d.claim, "xxh3-128:" + std::string(32, '0'), "q", "supports", {}});
       }},
      {"unknown evidence", Code::kNotFound, "claimledger.evidence.not_found",
       [](Workbench& wb, const Desk& d) { wb.SetVerdict(d.claim, "true", "r", {"evd_x"}); }},
      {"rating off the scale", Code::kInvalidInput, "claimledger.verdict.unknown_rating",
       [](Workbench& wb, const Desk& d) { wb.SetVerdict(d.claim, "pants-fire", "r", {}); }},
      {"unknown stance", Code::kInvalidInput, "claimledger.stance.unknown",
       [](Workbench& wb, const Desk& d) {
         wb.LinkEvidence({d.claim, d.factsheet, "About", "agrees", {}});
       }},
      {"unknown status", Code::kInvalidInput, "claimledger.status.unknown",
       [](Workbench& wb, const Desk& d) { wb.SetStatus(d.claim, "done"); }},
      {"backwards status", Code::kInvalidInput, "claimledger.status.transition",
       [](Workbench& wb, const Desk& d) { wb.SetStatus(d.claim, "new"); }},
      {"quote not in snapshot", Code::kAnchor, "claimledger.anchor.not_found",
       [](Workbench& wb, const Desk& d) {
         wb.LinkEvidence({d.claim, d.factsheet, "29,000 troops", "supports", {}});
       }},
      {"claim quote not in snapshot", Code::kAnchor, "claimledger.anchor.not_found",
       [](Workbench& wb, const Desk& d) {
         wb.AddClaim({"x", {}, d.article, "nowhere", {}});
       }},
      {"invalid UTF-8", Code::kInvalidInput, "claimledger.input.utf8",
       [](Workbench& wb, const Desk&) {
         wb.AddClaim({"bad \xff byte", {}, {}, {}, {}});
       }},
      {"bad date", Code::kInvalidInput, "claimledger.input.date",
       [](Workbench& wb, const Desk&) {
         wb.AddSnapshot({"new text", {}, {}, {}, "21/10/2024", {}});
       }},
      {"unknown source kind", Code::kInvalidInput, "claimledger.source.unknown_kind",
       [](Workbench& wb, const Desk&) {
         wb.AddSource({"X", "blog", {}, {}});
       }},
      {"bad grade", Code::kInvalidInput, "claimledger.rating.unknown_grade",
       [](Workbench& wb, const Desk& d) { wb.RateSource(d.outlet, "Z", "r"); }},
      {"empty rationale", Code::kInvalidInput, "claimledger.input.empty",
       [](Workbench& wb, const Desk& d) { wb.SetVerdict(d.claim, "true", " ", {}); }},
      {"batch with one bad record", Code::kInvalidInput, "claimledger.input.empty",
       [](Workbench& wb, const Desk&) {
         wb.AddClaims({{"good one", {}, {}, {}, {}}, {"", {}, {}, {}, {}}});
       }},
  };
  auto wb = Open(":memory:");
  const Desk desk = BuildDesk(*wb);
  const std::int64_t events = wb->EventCount();
  for (const BadInput& bad : cases) {
    try {
      bad.call(*wb, desk);
      ADD_FAILURE() << bad.name << ": no error";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), bad.code) << bad.name << ": " << error.what();
      EXPECT_EQ(error.id(), bad.id) << bad.name << ": " << error.what();
    }
    EXPECT_EQ(wb->EventCount(), events) << bad.name << " wrote something";
  }
  EXPECT_EQ(wb->Claims({}).size(), 1u);
  EXPECT_TRUE(wb->Verify().ok);
}

TEST(WorkbenchTest, BatchErrorNamesTheRecord) {
  auto wb = Open(":memory:");
  try {
    wb->AddClaims({{"one", {}, {}, {}, {}}, {"two", {}, {}, {}, {}}, {" ", {}, {}, {}, {}}});
    FAIL();
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("claims[2]"), std::string::npos) << error.what();
  }
  EXPECT_TRUE(wb->Claims({}).empty());
  EXPECT_EQ(wb->AddClaims({{"one", {}, {}, {}, {}}, {"two", {}, {}, {}, {}}}).size(), 2u);
}

TEST(WorkbenchTest, PublishingNeedsAVerdict) {
  auto wb = Open(":memory:");
  const std::string claim = wb->AddClaim({"Unchecked.", {}, {}, {}, {}}).id;
  EXPECT_THROW(wb->SetStatus(claim, "published"), Error);
  EXPECT_EQ(wb->SetStatus(claim, "in-progress").status, "in-progress");
}

TEST(WorkbenchTest, AClaimPublishedElsewhereIsTakenUpButNeverReturnedTo) {
  auto wb = Open(":memory:");
  const std::string claim = wb->AddClaim({"Unchecked.", {}, {}, {}, {}}).id;
  EXPECT_THROW(wb->SetStatus(claim, "published-elsewhere"), Error);  // needs a verdict
  wb->SetVerdict(claim, "false", "Their review.", {});
  EXPECT_EQ(wb->SetStatus(claim, "published-elsewhere").status, "published-elsewhere");
  EXPECT_EQ(wb->SetStatus(claim, "published").status, "published");
  EXPECT_THROW(wb->SetStatus(claim, "published-elsewhere"), Error);
}

TEST(WorkbenchTest, AClaimAddedWithAStatusHasItFromItsOwnTransaction) {
  auto wb = Open(":memory:");
  NewClaim imported{"Imported.", {}, {}, {}, {}};
  imported.verdict = NewVerdict{"false", "As its publisher rated it."};
  imported.status = "published-elsewhere";
  const std::int64_t before = wb->EventCount();
  const Claim claim = wb->AddClaim(imported);
  EXPECT_EQ(claim.status, "published-elsewhere");
  const std::vector<Event> events = wb->Events(before + 1, wb->EventCount());
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[2].type, "status.set");

  NewClaim unrated{"Unrated.", {}, {}, {}, {}};
  unrated.status = "published-elsewhere";
  EXPECT_THROW(wb->AddClaims({unrated}), Error);  // a status that needs a verdict
  EXPECT_EQ(wb->EventCount(), before + 3);
}

// --- files ----------------------------------------------------------------------------------

TEST(WorkbenchTest, AFileThatIsNotALedgerIsRefusedAndLeftAlone) {
  TempLedgerPath path;
  {
    std::ofstream out(path.str(), std::ios::binary);
    out << "plain text, not a database at all";
  }
  const std::string before = testing_util::ReadFile(path.str());
  try {
    Open(path.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kStorage);
    EXPECT_EQ(error.id(), "claimledger.store.not_a_ledger");
  }
  EXPECT_EQ(testing_util::ReadFile(path.str()), before);
}

TEST(WorkbenchTest, AnotherSqliteDatabaseIsRefusedAndLeftAlone) {
  TempLedgerPath path;
  RawSql(path.str(), "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);");
  const std::string before = testing_util::ReadFile(path.str());
  EXPECT_THROW(Open(path.str()), Error);
  EXPECT_EQ(testing_util::ReadFile(path.str()), before);
}

TEST(WorkbenchTest, ANewerSchemaIsRefused) {
  TempLedgerPath path;
  Open(path.str());
  RawSql(path.str(), "PRAGMA user_version = 99;");
  try {
    Open(path.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.store.newer_schema");
    EXPECT_NE(std::string(error.what()).find("99"), std::string::npos);
  }
}

TEST(WorkbenchTest, MissingFileWithoutCreateIsNotFound) {
  TempLedgerPath path;
  WorkbenchOptions options;
  options.create = false;
  try {
    Workbench::Open(path.str(), options);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
  }
}

TEST(WorkbenchTest, TwoHandlesOnOneFileKeepOneChain) {
  TempLedgerPath path;
  auto a = Open(path.str(), "alice");
  auto b = Open(path.str(), "bob");
  for (int i = 0; i < 20; ++i) {
    (i % 2 ? a : b)->AddClaim({"claim " + std::to_string(i), {}, {}, {}, {}});
  }
  EXPECT_EQ(a->EventCount(), 21);
  EXPECT_EQ(a->identity(), b->identity());
  EXPECT_TRUE(b->Verify().ok);
}

// --- loading: refs make reloads idempotent; verdicts travel with claims ---------------

TEST(WorkbenchTest, RefsMakeLoadingTwiceAddNothing) {
  WorkbenchOptions options;
  options.scale = "politifact";
  auto wb = Workbench::Open(":memory:", options);
  NewSource speaker{"Dwayne Bohac",
                    "person",
                    {},
                    {},
                    "liar:speaker:dwayne-bohac",
                    R"({"job": "State representative", "state": "Texas"})"};
  const std::string first = wb->AddSources({speaker}).front();
  NewClaim claim{"Says the group supports abortions on demand.", first, {}, {}, {"abortion"}};
  claim.ref = "liar:2635.json";
  claim.context = "a mailer";
  claim.provenance = R"({"dataset": "liar", "line": 1})";
  claim.verdict = NewVerdict{"false", "PolitiFact rated it false"};
  const std::vector<std::string> ids = wb->AddClaims({claim});
  const std::int64_t events = wb->EventCount();
  EXPECT_EQ(events, 4);  // genesis, source, claim, verdict

  EXPECT_EQ(wb->AddSources({speaker}).front(), first);
  EXPECT_EQ(wb->AddClaims({claim}), ids);
  EXPECT_EQ(wb->EventCount(), events);

  const Claim stored = wb->GetClaim(ids.front());
  EXPECT_EQ(stored.verdict->rating, "false");
  EXPECT_EQ(stored.context, "a mailer");
  EXPECT_EQ(stored.ref, "liar:2635.json");
  EXPECT_EQ(stored.provenance, R"({"dataset":"liar","line":1})");  // canonical JSON
  EXPECT_EQ(wb->GetSource(first).attributes, R"({"job":"State representative","state":"Texas"})");
  EXPECT_TRUE(wb->Verify().ok);
}

TEST(WorkbenchTest, ABadVerdictInABatchWritesNothing) {
  auto wb = Open(":memory:");
  NewClaim good{"One.", {}, {}, {}, {}};
  good.verdict = NewVerdict{"true", "fine"};
  NewClaim bad{"Two.", {}, {}, {}, {}};
  bad.verdict = NewVerdict{"pants-fire", "not on this scale"};
  EXPECT_THROW(wb->AddClaims({good, bad}), Error);
  EXPECT_EQ(wb->EventCount(), 1);
  NewClaim bad_provenance{"Three.", {}, {}, {}, {}};
  bad_provenance.provenance = R"({"score": 1.5})";
  EXPECT_THROW(wb->AddClaims({bad_provenance}), Error);
  EXPECT_EQ(wb->EventCount(), 1);
}

TEST(WorkbenchTest, TrackRecordsCountCurrentVerdictsOfEachClaimant) {
  auto wb = Open(":memory:");
  const std::string a = wb->AddSource({"A", "person", {}, {}}).id;
  const std::string b = wb->AddSource({"B", "person", {}, {}}).id;
  std::vector<NewClaim> claims;
  int said = 0;
  for (const char* rating : {"true", "true", "false", "unproven"}) {
    NewClaim claim{
        std::string("A says ") + rating + ", claim " + std::to_string(++said), a, {}, {}, {}};
    claim.date = "2021-05-01";
    claim.verdict = NewVerdict{rating, "checked"};
    claims.push_back(claim);
  }
  NewClaim by_b{"B says so", b, {}, {}, {}};
  by_b.verdict = NewVerdict{"mixed", "checked"};
  claims.push_back(by_b);
  const auto ids = wb->AddClaims(claims);
  wb->SetVerdict(ids[2], "mostly-false", "revised", {});  // only the current verdict counts

  const TrackRecord record = wb->GetTrackRecord(a);
  EXPECT_EQ(record.verdicts, 4);
  EXPECT_EQ(record.rated, 3);
  EXPECT_EQ(record.counts.count("false"), 0u);
  EXPECT_EQ(record.counts.at("mostly-false"), 1);
  EXPECT_NEAR(record.score, (1 + 2.25) / (2 + 3.0), 1e-12);  // 1 + 1 + 0.25 successes
  ASSERT_EQ(record.by_year.size(), 1u);
  EXPECT_EQ(record.by_year[0].year, 2021);

  const auto all = wb->TrackRecords();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_THROW(wb->GetTrackRecord("src_nope"), Error);
}

TEST(WorkbenchTest, SearchFindsClaimsByTheirWords) {
  auto wb = Open(":memory:");
  const std::string korea =
      wb->AddClaim({"About 28,500 US troops are in South Korea.", {}, {}, {}, {"military"}}).id;
  const std::string seoul =
      wb->AddClaim({"Moscow recognised Séoul in 1990.", {}, {}, {}, {"history"}}).id;
  wb->AddClaim({"Troop numbers in Europe fell.", {}, {}, {}, {}});
  wb->SetVerdict(korea, "true", "fact sheet", {});

  auto hits = wb->Search("TROOPS korea");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].claim, korea);
  EXPECT_NE(hits[0].snippet.find("[troops]"), std::string::npos) << hits[0].snippet;
  EXPECT_EQ(wb->Search("seoul").front().claim, seoul);  // accents folded
  EXPECT_EQ(wb->Search("korea europe", {}, {}, {}, /*match_any=*/true).size(), 2u);
  EXPECT_EQ(wb->Search("troops", {{}, "true", {}, {}, -1}).size(), 1u);
  EXPECT_TRUE(wb->Search("troops", {{}, {}, {}, "history", -1}).empty());
  EXPECT_TRUE(wb->Search("korea", {}, "2999-01-01").empty());
  EXPECT_EQ(wb->Search("\"korea\" (*) :^").size(), 1u);  // query syntax is just text
  EXPECT_TRUE(wb->Search("korea NOT").empty());          // "not" is a word to find
  EXPECT_THROW(wb->Search(" ?! "), Error);
  wb->Rebuild();
  EXPECT_EQ(wb->Search("moscow").front().claim, seoul);
  EXPECT_EQ(wb->AsOf(2)->Search("korea").size(), 1u);
  EXPECT_TRUE(wb->AsOf(2)->Search("moscow").empty());
}

TEST(WorkbenchTest, SearchSnapshotsFindsDocumentsByTheirWords) {
  auto wb = Open(":memory:");
  const std::string fact_sheet =
      wb->AddSnapshot({"United States Forces Korea: about 28,500 service members are "
                       "stationed on the peninsula.",
                       "https://example.org/usfk"})
          .hash;
  const std::string brief =
      wb->AddSnapshot({"The armistice of 1953 ended the fighting in Korea; no peace treaty "
                       "followed.",
                       "https://example.org/brief"})
          .hash;
  wb->AddSnapshot({"\x89PNG\r\n\x1a\n korea \xff\xfe"});  // not UTF-8 text: not indexed

  auto hits = wb->SearchSnapshots("KOREA");
  ASSERT_EQ(hits.size(), 2u);  // the two texts, not the image
  hits = wb->SearchSnapshots("stationed korea");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].snapshot, fact_sheet);
  EXPECT_NE(hits[0].snippet.find("[stationed]"), std::string::npos) << hits[0].snippet;
  EXPECT_EQ(wb->SearchSnapshots("treaty peninsula", 10, /*match_any=*/true).size(), 2u);
  EXPECT_EQ(wb->SearchSnapshots("korea", 1).size(), 1u);
  EXPECT_THROW(wb->SearchSnapshots("korea", 0), Error);
  EXPECT_THROW(wb->SearchSnapshots(" ?! "), Error);
  EXPECT_TRUE(wb->Search("armistice").empty());  // claims and snapshots are apart
  wb->Rebuild();
  EXPECT_EQ(wb->SearchSnapshots("armistice").front().snapshot, brief);
  EXPECT_EQ(wb->AsOf(2)->SearchSnapshots("korea").size(), 1u);
}

}  // namespace
}  // namespace claimledger
