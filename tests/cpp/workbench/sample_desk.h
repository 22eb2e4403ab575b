// The desk the workbench tests build on a ledger file: two sources, an article and a fact
// sheet, a claim quoted from the article with evidence from the fact sheet, two verdicts, a
// published status and a source rating (texts written for these tests).
#ifndef CLAIMLEDGER_TESTS_CPP_WORKBENCH_SAMPLE_DESK_H_
#define CLAIMLEDGER_TESTS_CPP_WORKBENCH_SAMPLE_DESK_H_

#include <memory>
#include <string>

#include "claimledger/workbench.h"

namespace claimledger::testing_util {

inline constexpr char kArticle[] =
    "Seoul, 21 October 2024. The United States keeps approximately 28,500 troops in South "
    "Korea. The Korean War lasted from 1950 to 1953.";
inline constexpr char kFactSheet[] = "About 28,500 U.S. service members are stationed in Korea.";

struct Desk {
  std::string reporter, outlet, article, factsheet, claim, evidence;
};

inline Desk BuildDesk(Workbench& wb) {
  Desk desk;
  desk.outlet = wb.AddSource({"Courier", "outlet", "https://courier.example.org", {}}).id;
  desk.reporter = wb.AddSource({"Chun In-bum", "person", {}, "ROK Army (retired)"}).id;
  desk.article = wb.AddSnapshot({kArticle, "https://courier.example.org/a", "Troops", desk.outlet,
                                 "2024-10-21", "2024-10-22T08:15:00Z"})
                     .hash;
  desk.factsheet = wb.AddSnapshot({kFactSheet, {}, {}, {}, {}, {}}).hash;
  desk.claim = wb.AddClaim({"About 28,500 US troops are in South Korea.",
                            desk.outlet,
                            desk.article,
                            "approximately 28,500 troops",
                            {"military", "korea"}})
                   .id;
  desk.evidence = wb.LinkEvidence({desk.claim, desk.factsheet, "About 28,500 U.S. service members",
                                   "supports", "fact sheet"})
                      .id;
  wb.SetVerdict(desk.claim, "mixed", "first look", {});
  wb.SetVerdict(desk.claim, "true", "the fact sheet agrees", {desk.evidence});
  wb.SetStatus(desk.claim, "published");
  wb.RateSource(desk.outlet, "B", "usually reliable");
  return desk;
}

inline std::unique_ptr<Workbench> Open(const std::string& path,
                                       const std::string& actor = "alice") {
  WorkbenchOptions options;
  options.actor = actor;
  return Workbench::Open(path, options);
}

}  // namespace claimledger::testing_util

#endif  // CLAIMLEDGER_TESTS_CPP_WORKBENCH_SAMPLE_DESK_H_
