// Tests for the quantity parser (core/src/quantities.cpp). The table pins down every supported
// phrasing: span text, value or range, unit and qualifier, compared exactly. The other tests
// check robustness: empty input, invalid UTF-8, random bytes and very large inputs.
#include "claimledger/quantities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/utf8.h"

namespace claimledger {
namespace {

struct Want {
  std::string text;
  std::optional<double> value;
  std::optional<double> low;
  std::optional<double> high;
  std::string unit;
  std::string qualifier;
};

Want Value(std::string text, double value, std::string unit = "", std::string qualifier = "") {
  return {std::move(text), value,           std::nullopt,
          std::nullopt,    std::move(unit), std::move(qualifier)};
}

Want Range(std::string text, double low, double high, std::string unit = "",
           std::string qualifier = "") {
  return {std::move(text), std::nullopt, low, high, std::move(unit), std::move(qualifier)};
}

struct Row {
  std::string input;
  std::vector<Want> want;
};

void PrintTo(const Row& row, std::ostream* os) { *os << '"' << row.input << '"'; }

std::vector<Row> Rows() {
  return {
      // Qualifiers: the normalised phrase, in lower case.
      {"approximately 28,500 troops",
       {Value("approximately 28,500 troops", 28500, "troops", "approximately")}},
      {"about 300 people", {Value("about 300 people", 300, "people", "about")}},
      {"around 40 villages", {Value("around 40 villages", 40, "villages", "around")}},
      {"roughly 1.5 million residents",
       {Value("roughly 1.5 million residents", 1500000, "residents", "roughly")}},
      {"nearly 2,000 deaths", {Value("nearly 2,000 deaths", 2000, "deaths", "nearly")}},
      {"almost 90 percent", {Value("almost 90 percent", 90, "percent", "almost")}},
      {"some 400 soldiers", {Value("some 400 soldiers", 400, "soldiers", "some")}},
      {"an estimated 12,000 refugees",
       {Value("an estimated 12,000 refugees", 12000, "refugees", "an estimated")}},
      {"up to 40% of voters", {Value("up to 40%", 40, "percent", "up to")}},
      {"more than 3,000 homicides",
       {Value("more than 3,000 homicides", 3000, "homicides", "more than")}},
      {"More  than 3,000 homicides",
       {Value("More  than 3,000 homicides", 3000, "homicides", "more than")}},
      {"over 5,000 homes", {Value("over 5,000 homes", 5000, "homes", "over")}},
      {"at least 17 people", {Value("at least 17 people", 17, "people", "at least")}},
      {"fewer than 100 cases", {Value("fewer than 100 cases", 100, "cases", "fewer than")}},
      {"less than 2 percent", {Value("less than 2 percent", 2, "percent", "less than")}},
      {"under 30 seats", {Value("under 30 seats", 30, "seats", "under")}},
      {"as many as 60 rockets", {Value("as many as 60 rockets", 60, "rockets", "as many as")}},
      {"no more than 5 days", {Value("no more than 5 days", 5, "days", "no more than")}},
      {"nearly half", {Value("nearly half", 0.5, "fraction", "nearly")}},

      // Vague amounts: one order of magnitude; "dozens" is 24..99.
      {"hundreds of thousands", {Range("hundreds of thousands", 100000, 999999)}},
      {"hundreds of thousands of people",
       {Range("hundreds of thousands of people", 100000, 999999, "people")}},
      {"thousands", {Range("thousands", 1000, 9999)}},
      {"tens of thousands of protesters",
       {Range("tens of thousands of protesters", 10000, 99999, "protesters")}},
      {"millions", {Range("millions", 1000000, 9999999)}},
      {"hundreds of millions of dollars",
       {Range("hundreds of millions of dollars", 100000000, 999999999, "USD")}},
      {"dozens of journalists", {Range("dozens of journalists", 24, 99, "journalists")}},
      {"thousands of US troops", {Range("thousands of US troops", 1000, 9999, "troops")}},

      // "several" is 3 to 9 times the scale, "a few" 2 to 4 times; the phrase is the qualifier.
      {"several hundred troops", {Range("several hundred troops", 300, 900, "troops", "several")}},
      {"a few thousand people", {Range("a few thousand people", 2000, 4000, "people", "a few")}},
      {"several dozen", {Range("several dozen", 36, 108, "", "several")}},
      {"A few dozen eggs", {Range("A few dozen eggs", 24, 48, "eggs", "a few")}},
      {"Several hundred thousand US troops",
       {Range("Several hundred thousand US troops", 300000, 900000, "troops", "several")}},
      {"a few hundred thousand", {Range("a few hundred thousand", 200000, 400000, "", "a few")}},
      {"a few million dollars", {Range("a few million dollars", 2000000, 4000000, "USD", "a few")}},
      {"several billion", {Range("several billion", 3e9, 9e9, "", "several")}},
      {"a few days", {}},
      {"several people", {}},

      // Decades, centuries and years.
      {"in the 1990s", {Range("1990s", 1990, 1999, "year")}},
      {"the 1950s", {Range("1950s", 1950, 1959, "year")}},
      {"The 1990's", {Range("1990's", 1990, 1999, "year")}},
      {"the 1800s", {Range("1800s", 1800, 1899, "year")}},
      {"in the late 1990s", {Range("late 1990s", 1996, 1999, "year", "late")}},
      {"mid-1970s", {Range("mid-1970s", 1973, 1976, "year", "mid")}},
      {"early 2000s", {Range("early 2000s", 2000, 2003, "year", "early")}},
      {"1950\u20131953", {Range("1950\u20131953", 1950, 1953, "year")}},
      {"1950-1953", {Range("1950-1953", 1950, 1953, "year")}},
      {"1950 \u2013 1953", {Range("1950 \u2013 1953", 1950, 1953, "year")}},
      {"from 1950 to 1953", {Range("from 1950 to 1953", 1950, 1953, "year")}},
      {"between 1950 and 1953", {Range("between 1950 and 1953", 1950, 1953, "year")}},
      {"the 1950\u201353 war", {Range("1950\u201353", 1950, 1953, "year")}},
      {"the 2019-20 season", {Range("2019-20", 2019, 2020, "year")}},
      {"between 1500 and 2000 troops",
       {Range("between 1500 and 2000 troops", 1500, 2000, "troops")}},
      {"in 2024", {Value("2024", 2024, "year")}},
      {"In 2024, prices rose", {Value("2024", 2024, "year")}},
      {"since 2010", {Value("2010", 2010, "year")}},
      {"since around 2010", {Value("around 2010", 2010, "year", "around")}},
      {"emissions halved by 2050", {Value("2050", 2050, "year")}},
      {"in May 2024", {Range("May 2024", 20240501, 20240531, "date")}},
      {"a 1953 report", {Value("1953 report", 1953, "report")}},

      // Money: ISO codes.
      {"$1.2 billion", {Value("$1.2 billion", 1200000000, "USD")}},
      {"\u20AC5 million", {Value("\u20AC5 million", 5000000, "EUR")}},
      {"\u00A33bn", {Value("\u00A33bn", 3000000000, "GBP")}},
      {"$40m", {Value("$40m", 40000000, "USD")}},
      {"US$2.5 trillion", {Value("US$2.5 trillion", 2500000000000, "USD")}},
      {"5 million dollars", {Value("5 million dollars", 5000000, "USD")}},
      {"5 million US dollars", {Value("5 million US dollars", 5000000, "USD")}},
      {"USD 3 billion", {Value("USD 3 billion", 3000000000, "USD")}},
      {"more than $3 billion in aid",
       {Value("more than $3 billion", 3000000000, "USD", "more than")}},
      {"between 10 and 20 million dollars",
       {Range("between 10 and 20 million dollars", 10000000, 20000000, "USD")}},
      {"$5-10 million", {Range("$5-10 million", 5000000, 10000000, "USD")}},
      {"$2 to $3 billion", {Range("$2 to $3 billion", 2e9, 3e9, "USD")}},
      {"\u20AC2 to 3 million", {Range("\u20AC2 to 3 million", 2000000, 3000000, "EUR")}},

      // Percentages.
      {"12%", {Value("12%", 12, "percent")}},
      {"12 percent", {Value("12 percent", 12, "percent")}},
      {"12 per cent", {Value("12 per cent", 12, "percent")}},
      {"10\u201320%", {Range("10\u201320%", 10, 20, "percent")}},
      {"between 10% and 20%", {Range("between 10% and 20%", 10, 20, "percent")}},
      {"0.5 percentage points", {Value("0.5 percentage points", 0.5, "percentage points")}},

      // Fractions.
      {"two-thirds", {Value("two-thirds", 2.0 / 3, "fraction")}},
      {"two thirds of members", {Value("two thirds", 2.0 / 3, "fraction")}},
      {"half of voters", {Value("half", 0.5, "fraction")}},
      {"a third", {Value("a third", 1.0 / 3, "fraction")}},
      {"one-third of respondents", {Value("one-third", 1.0 / 3, "fraction")}},
      {"a third of the budget", {Value("a third", 1.0 / 3, "fraction")}},
      {"three quarters of the budget", {Value("three quarters", 0.75, "fraction")}},
      {"one in five", {Value("one in five", 0.2, "fraction")}},
      {"1 in 10 adults", {Value("1 in 10", 0.1, "fraction")}},
      {"about one in four", {Value("about one in four", 0.25, "fraction", "about")}},
      {"half a million people", {Value("half a million people", 500000, "people")}},
      {"a quarter of a million", {Value("a quarter of a million", 250000)}},
      {"the second half", {}},
      {"a third term", {}},

      // Number words.
      {"three", {Value("three", 3)}},
      {"Three people", {Value("Three people", 3, "people")}},
      {"twenty-five", {Value("twenty-five", 25)}},
      {"twenty five", {Value("twenty five", 25)}},
      {"one hundred", {Value("one hundred", 100)}},
      {"a hundred", {Value("a hundred", 100)}},
      {"one hundred and twenty people", {Value("one hundred and twenty people", 120, "people")}},
      {"two million people", {Value("two million people", 2000000, "people")}},
      {"two million three hundred thousand",
       {Value("two million three hundred thousand", 2300000)}},
      {"two and a half million people",
       {Value("two and a half million people", 2500000, "people")}},
      {"a dozen eggs", {Value("a dozen eggs", 12, "eggs")}},
      {"two dozen", {Value("two dozen", 24)}},
      {"zero", {Value("zero", 0)}},
      {"one person", {Value("one person", 1, "person")}},
      {"one of the reasons", {}},
      {"no one knows", {}},
      {"the first time", {}},
      {"the 21st century", {}},

      // Digits, decimals, signs and units.
      {"3.5 degrees", {Value("3.5 degrees", 3.5, "degrees")}},
      {"-4", {Value("-4", -4)}},
      {"fell to \u22124 degrees", {Value("\u22124 degrees", -4, "degrees")}},
      {"28,500 US troops", {Value("28,500 US troops", 28500, "troops")}},
      {"28,500 American troops", {Value("28,500 American troops", 28500, "troops")}},
      {"28,500 U.S. troops", {Value("28,500 U.S. troops", 28500, "troops")}},
      {"3 Americans died", {Value("3", 3)}},
      {"1,000 were killed", {Value("1,000", 1000)}},
      {"a 10-year plan", {Value("10-year", 10, "year")}},
      {"5km", {Value("5km", 5, "km")}},
      {"40m", {Value("40m", 40, "m")}},
      {"3bn people", {Value("3bn people", 3000000000, "people")}},
      {"3 dozen eggs", {Value("3 dozen eggs", 36, "eggs")}},

      // "A to B" is a range when A < B; after "from" it is a change, unless "ranging from".
      {"11,000 to 12,000 troops", {Range("11,000 to 12,000 troops", 11000, 12000, "troops")}},
      {"3 to 5 percent", {Range("3 to 5 percent", 3, 5, "percent")}},
      {"3% to 5% of voters", {Range("3% to 5%", 3, 5, "percent")}},
      {"about 3 to 5 percent", {Range("about 3 to 5 percent", 3, 5, "percent", "about")}},
      {"two to three weeks", {Range("two to three weeks", 2, 3, "weeks")}},
      {"2 to 3 million people", {Range("2 to 3 million people", 2000000, 3000000, "people")}},
      {"between 10 and 20 ships", {Range("between 10 and 20 ships", 10, 20, "ships")}},
      {"1950 to 1953", {Range("1950 to 1953", 1950, 1953, "year")}},
      {"in 2020 to 2024", {Range("2020 to 2024", 2020, 2024, "year")}},
      {"10,000 to 12,000 troops in 2024",
       {Range("10,000 to 12,000 troops", 10000, 12000, "troops"), Value("2024", 2024, "year")}},
      {"the court ruled 5 to 4", {Value("5", 5), Value("4", 4)}},
      {"it ended 2 to 2", {Value("2", 2), Value("2", 2)}},
      {"from 3 to 5 percent", {Range("from 3 to 5 percent", 3, 5, "percent")}},
      {"rose from 11,000 to 12,000 troops",
       {Value("11,000", 11000), Value("12,000 troops", 12000, "troops")}},
      {"rose from about 3 to 5 percent",
       {Value("about 3", 3, "", "about"), Value("5 percent", 5, "percent")}},
      {"prices ranging from $2 to $3 billion", {Range("from $2 to $3 billion", 2e9, 3e9, "USD")}},
      {"estimates vary from 3% to 5%", {Range("from 3% to 5%", 3, 5, "percent")}},
      {"ranging from 1500 to 2000 troops",
       {Range("from 1500 to 2000 troops", 1500, 2000, "troops")}},
      {"anywhere from 1950 to 1953", {Range("from 1950 to 1953", 1950, 1953, "year")}},

      // Spaces as thousands separators: ASCII, U+00A0, U+2009, U+202F, groups of three.
      {"28 500 troops", {Value("28 500 troops", 28500, "troops")}},
      {"28\u202F500 troops", {Value("28\u202F500 troops", 28500, "troops")}},
      {"about 28\u00A0500 troops", {Value("about 28\u00A0500 troops", 28500, "troops", "about")}},
      {"1\u2009234\u2009567.5 km", {Value("1\u2009234\u2009567.5 km", 1234567.5, "km")}},
      {"1 000 000 people", {Value("1 000 000 people", 1000000, "people")}},
      {"$1 200 000", {Value("$1 200 000", 1200000, "USD")}},
      {"The force numbered 28 500.", {Value("28 500", 28500)}},
      {"In 2024, 28 500 troops",
       {Value("2024", 2024, "year"), Value("28 500 troops", 28500, "troops")}},
      {"10 000-12 000 troops", {Range("10 000-12 000 troops", 10000, 12000, "troops")}},
      {"10\u202F000 to 12\u202F000 troops",
       {Range("10\u202F000 to 12\u202F000 troops", 10000, 12000, "troops")}},
      {"in 2024 500 people", {Value("2024", 2024, "year"), Value("500 people", 500, "people")}},
      {"Call 555 123 4567", {Value("555", 555), Value("123", 123), Value("4567", 4567)}},
      {"COVID-19 500 cases", {Value("500 cases", 500, "cases")}},
      {"5 100km", {Value("5", 5), Value("100km", 100, "km")}},
      {"caf\u00E9s: 12 caf\u00E9s", {Value("12", 12)}},  // units are plain ASCII nouns only

      // Dates: unit "date", value yyyymmdd; a day and month without a year is skipped.
      {"21 October 2024", {Value("21 October 2024", 20241021, "date")}},
      {"on 21st October, 2024", {Value("21st October, 2024", 20241021, "date")}},
      {"October 21, 2024", {Value("October 21, 2024", 20241021, "date")}},
      {"Oct. 21, 2024", {Value("Oct. 21, 2024", 20241021, "date")}},
      {"2024-10-21", {Value("2024-10-21", 20241021, "date")}},
      {"on 21 October", {}},
      {"October 21", {}},

      // Not quantities.
      {"COVID-19 cases", {}},
      {"the G7 summit", {}},
      {"5G masts", {}},
      {"10:30", {}},
      {"version 1.2.3", {}},
      {"Call 555-123-4567", {}},
      {"1234567890123456789", {}},
      {"no numbers here at all", {}},
      {"", {}},

      // Several quantities, in order.
      {"Between 1950 and 1953 the war killed millions; about 28,500 troops remain.",
       {Range("Between 1950 and 1953", 1950, 1953, "year"), Range("millions", 1000000, 9999999),
        Value("about 28,500 troops", 28500, "troops", "about")}},
      {"In 2024, more than 3,000 homicides and 12% unemployment.",
       {Value("2024", 2024, "year"),
        Value("more than 3,000 homicides", 3000, "homicides", "more than"),
        Value("12%", 12, "percent")}},
  };
}

// Sentences in the style of news copy, written for these tests: abbreviated scales, ranges
// with their qualifier, dates to the day or the month, per-cent ranges and the qualifiers
// fact-checkers meet most ("up to", "as many as", "nearly", "roughly").
std::vector<Row> NewsCopyRows() {
  return {
      // "m", "k" and "b" glued to a number: a scale before a plural noun, else a unit.
      {"The famine is thought to have killed 3.5m people.",
       {Value("3.5m people", 3500000, "people")}},
      {"Officials counted about 3.5m deaths in the region.",
       {Value("about 3.5m deaths", 3500000, "deaths", "about")}},
      {"Moscow has moved 12k troops to the border.", {Value("12k troops", 12000, "troops")}},
      {"The ministry says as many as 12k troops took part.",
       {Value("as many as 12k troops", 12000, "troops", "as many as")}},
      {"The app says it reached 1.5b users worldwide.", {Value("1.5b users", 1500000000, "users")}},
      {"Pollsters reached 1.2m US voters.", {Value("1.2m US voters", 1200000, "voters")}},
      {"A 40m wall now surrounds the compound.", {Value("40m", 40, "m")}},
      {"The river rose 3.5m overnight.", {Value("3.5m", 3.5, "m")}},
      {"She finished a 5k race.", {Value("5k", 5, "k")}},

      // Money with abbreviated scales.
      {"The fund received $2bn last year.", {Value("$2bn", 2000000000, "USD")}},
      {"Nearly $2bn in aid has been pledged.", {Value("Nearly $2bn", 2000000000, "USD", "nearly")}},
      {"The council borrowed \u00A3300m for the scheme.", {Value("\u00A3300m", 300000000, "GBP")}},
      {"Brussels set aside \u20AC1.5bn for repairs.", {Value("\u20AC1.5bn", 1500000000, "EUR")}},
      {"A budget of $1.5bn to $2bn was approved.",
       {Range("$1.5bn to $2bn", 1500000000, 2000000000, "USD")}},

      // Ranges: a number written in full is not scaled by the other end's "million".
      {"Death toll estimates vary between 240,000 and 3.5 million.",
       {Range("between 240,000 and 3.5 million", 240000, 3500000)}},
      {"Between 240,000 and 3.5 million people died, depending on the study.",
       {Range("Between 240,000 and 3.5 million people", 240000, 3500000, "people")}},
      {"Between 2 and 3 million people voted.",
       {Range("Between 2 and 3 million people", 2000000, 3000000, "people")}},
      {"Between 2m and 3m people voted.",
       {Range("Between 2m and 3m people", 2000000, 3000000, "people")}},
      {"Police put the crowd at between about 2,000 and 3,000 people.",
       {Range("between about 2,000 and 3,000 people", 2000, 3000, "people", "about")}},

      // "from A to B": one range with its qualifier, unless a word of change comes first.
      {"Estimates run from about 240,000 to 3.5 million deaths.",
       {Range("from about 240,000 to 3.5 million deaths", 240000, 3500000, "deaths", "about")}},
      {"Casualties ranged from roughly 2,000 to 3,000 soldiers.",
       {Range("from roughly 2,000 to 3,000 soldiers", 2000, 3000, "soldiers", "roughly")}},
      {"Researchers put the toll at from 240,000 to as many as 3.5 million.",
       {Range("from 240,000 to as many as 3.5 million", 240000, 3500000, "", "as many as")}},
      {"The rally drew from 5,000 to 8,000 people, police said.",
       {Range("from 5,000 to 8,000 people", 5000, 8000, "people")}},
      {"Forecasts put growth at from 2 to 3 per cent next year.",
       {Range("from 2 to 3 per cent", 2, 3, "percent")}},
      {"Turnout rose from 48 to 61 per cent.",
       {Value("48", 48), Value("61 per cent", 61, "percent")}},
      {"Prices climbed steadily from 3 to 5 percent.",
       {Value("3", 3), Value("5 percent", 5, "percent")}},
      {"The fare went from $2 to $3.", {Value("$2", 2, "USD"), Value("$3", 3, "USD")}},

      // Vague amounts joined into one range; "to" after a unit is a preposition.
      {"Studies put excess deaths at a few hundred thousand to about one million.",
       {Range("a few hundred thousand to about one million", 200000, 1000000, "", "a few")}},
      {"Aid groups estimate several hundred thousand to several million deaths.",
       {Range("several hundred thousand to several million deaths", 300000, 9000000, "deaths",
              "several")}},
      {"Thousands to tens of thousands of people were displaced.",
       {Range("Thousands to tens of thousands of people", 1000, 99999, "people")}},
      {"Several hundred troops were sent to 12 bases.",
       {Range("Several hundred troops", 300, 900, "troops", "several"),
        Value("12 bases", 12, "bases")}},

      // Dates: a day is a value yyyymmdd; a month is the range of its days.
      {"The treaty was signed on 30 September 1990.",
       {Value("30 September 1990", 19900930, "date")}},
      {"On 19 June 2024, the leaders met in Pyongyang.", {Value("19 June 2024", 20240619, "date")}},
      {"The report is dated 3 March 2021.", {Value("3 March 2021", 20210303, "date")}},
      {"Putin visited Pyongyang in June 2024.", {Range("June 2024", 20240601, 20240630, "date")}},
      {"The law took effect in February 2023.",
       {Range("February 2023", 20230201, 20230228, "date")}},
      {"February 2024 had 29 days.",
       {Range("February 2024", 20240201, 20240229, "date"), Value("29 days", 29, "days")}},
      {"The Sept. 2024 figures were revised.", {Range("Sept. 2024", 20240901, 20240930, "date")}},

      // Per-cent ranges and "pc".
      {"Support stood at 5-7 per cent in the poll.", {Range("5-7 per cent", 5, 7, "percent")}},
      {"Polls gave the party between 30 and 35 per cent.",
       {Range("between 30 and 35 per cent", 30, 35, "percent")}},
      {"Growth of 2.5pc is expected.", {Value("2.5pc", 2.5, "percent")}},
      {"Unemployment fell to 4pc, down from 6pc.",
       {Value("4pc", 4, "percent"), Value("6pc", 6, "percent")}},
      {"Nearly 40 per cent to 45 per cent of voters backed him.",
       {Range("Nearly 40 per cent to 45 per cent", 40, 45, "percent", "nearly")}},
      {"Between 30 percent and 35 percent said yes.",
       {Range("Between 30 percent and 35 percent", 30, 35, "percent")}},
      {"Sales reached 12k units, up from 9k last year.",
       {Value("12k units", 12000, "units"), Value("9k", 9000)}},
      {"Roughly 40 to 50 per cent of homes lost power.",
       {Range("Roughly 40 to 50 per cent", 40, 50, "percent", "roughly")}},

      // Qualifiers.
      {"Up to 3.5m people may need food aid.",
       {Value("Up to 3.5m people", 3500000, "people", "up to")}},
      {"Up to a third of the harvest was lost.",
       {Value("Up to a third", 1.0 / 3, "fraction", "up to")}},
      {"As many as 60,000 people marched.",
       {Value("As many as 60,000 people", 60000, "people", "as many as")}},
      {"Nearly half a million people fled.",
       {Value("Nearly half a million people", 500000, "people", "nearly")}},
      {"Roughly one in five adults smokes.",
       {Value("Roughly one in five", 0.2, "fraction", "roughly")}},
      {"The army has roughly 1.2m soldiers.",
       {Value("roughly 1.2m soldiers", 1200000, "soldiers", "roughly")}},
      {"In excess of 10,000 homes were damaged.",
       {Value("In excess of 10,000 homes", 10000, "homes", "in excess of")}},
      {"Slightly more than 2,000 votes separated them.",
       {Value("Slightly more than 2,000 votes", 2000, "votes", "slightly more than")}},
      {"A little over 500 families returned.",
       {Value("A little over 500 families", 500, "families", "a little over")}},

      // Units of two words.
      {"Approximately 28,500 U.S. service members are stationed there.",
       {Value("Approximately 28,500 U.S. service members", 28500, "service members",
              "approximately")}},
      {"The reserve covers 1,000 square kilometres.",
       {Value("1,000 square kilometres", 1000, "square kilometres")}},
  };
}

std::vector<Row> AllRows() {
  std::vector<Row> rows = Rows();
  for (Row& row : NewsCopyRows()) rows.push_back(std::move(row));
  return rows;
}

std::string Show(const std::optional<double>& number) {
  if (!number) return "none";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", *number);
  return buffer;
}

std::string Show(const Quantity& q) {
  return "{\"" + q.text + "\" value=" + Show(q.value) + " low=" + Show(q.low) +
         " high=" + Show(q.high) + " unit=\"" + q.unit + "\" qualifier=\"" + q.qualifier + "\"}";
}

// What must hold for any input: spans lie inside it, match their text, come in order without
// overlapping, are valid UTF-8, and carry either a value or a full range.
void ExpectWellFormed(std::string_view input, const std::vector<Quantity>& found) {
  std::size_t previous_end = 0;
  for (const Quantity& q : found) {
    SCOPED_TRACE(Show(q));
    ASSERT_LT(q.begin, q.end);
    ASSERT_LE(q.end, input.size());
    EXPECT_EQ(q.text, input.substr(q.begin, q.end - q.begin));
    EXPECT_GE(q.begin, previous_end);
    previous_end = q.end;
    EXPECT_TRUE(IsValidUtf8(q.text));
    EXPECT_TRUE(IsValidUtf8(q.unit));
    EXPECT_NE(q.value.has_value(), q.low.has_value());
    EXPECT_EQ(q.low.has_value(), q.high.has_value());
    if (q.low && q.high) {
      EXPECT_LE(*q.low, *q.high);
    }
  }
}

class QuantityTable : public testing::TestWithParam<Row> {};

TEST_P(QuantityTable, FindsExactlyTheseQuantities) {
  const Row& row = GetParam();
  SCOPED_TRACE("input: \"" + row.input + "\"");
  const std::vector<Quantity> found = ParseQuantities(row.input);
  ExpectWellFormed(row.input, found);
  std::string all;
  for (const Quantity& q : found) all += Show(q) + " ";
  ASSERT_EQ(found.size(), row.want.size()) << "found: " << all;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Quantity& got = found[i];
    const Want& want = row.want[i];
    SCOPED_TRACE("got: " + Show(got));
    EXPECT_EQ(got.text, want.text);
    EXPECT_EQ(Show(got.value), Show(want.value));
    EXPECT_EQ(got.value, want.value);
    EXPECT_EQ(got.low, want.low);
    EXPECT_EQ(got.high, want.high);
    EXPECT_EQ(got.unit, want.unit);
    EXPECT_EQ(got.qualifier, want.qualifier);
    EXPECT_EQ(row.input.substr(got.begin, got.end - got.begin), want.text);
  }
}

INSTANTIATE_TEST_SUITE_P(Phrasings, QuantityTable, testing::ValuesIn(AllRows()));

TEST(ParseQuantities, TableHasManyDistinctPhrasings) {
  const std::vector<Row> rows = AllRows();
  std::vector<std::string> inputs;
  for (const Row& row : rows) inputs.push_back(row.input);
  std::sort(inputs.begin(), inputs.end());
  EXPECT_EQ(std::adjacent_find(inputs.begin(), inputs.end()), inputs.end());
  EXPECT_GE(rows.size(), 40u);
  EXPECT_GE(NewsCopyRows().size(), 40u);
}

// The parser passes over words no rule begins with; every rule's first word still starts a
// quantity when it opens a sentence with a capital letter.
TEST(ParseQuantities, EveryKindOfStartWordWorksCapitalised) {
  for (const char* input : {"About 300 people came.",
                            "More than 5 percent left.",
                            "Between 10 and 20 died.",
                            "From 1950 to 1953 it ran.",
                            "Half a million people voted.",
                            "A third of voters stayed.",
                            "Several hundred troops left.",
                            "A few thousand came.",
                            "Tens of thousands marched.",
                            "Dozens of homes burned.",
                            "Hundreds of people fled.",
                            "Early 1990s growth.",
                            "Mid-1990s growth.",
                            "Late 1990s growth.",
                            "Twenty-five people died.",
                            "One in five adults smoke.",
                            "October 21, 2024 was a Monday.",
                            "US$5 million was paid.",
                            "USD 5 million was paid.",
                            "An estimated 12,000 refugees.",
                            "Up to 40 percent.",
                            "Thousands protested.",
                            "Zero people came.",
                            "Seven days passed.",
                            "Sept. 5, 2024 came."}) {
    const std::vector<Quantity> found = ParseQuantities(input);
    ASSERT_FALSE(found.empty()) << input;
    EXPECT_EQ(found.front().begin, 0u) << input;
  }
}

TEST(ParseQuantities, EmptyStringGivesNothing) { EXPECT_TRUE(ParseQuantities("").empty()); }

TEST(ParseQuantities, TextWithoutNumbersGivesNothing) {
  EXPECT_TRUE(ParseQuantities("The minister said the figures were wrong.").empty());
}

TEST(ParseQuantities, InvalidUtf8IsSkippedAndOffsetsStayValid) {
  const std::string input = "\xFF\xFE about 12 troops \xC3 and \xE2\x82 $5 \xED\xA0\x80 7\xC3";
  const std::vector<Quantity> found = ParseQuantities(input);
  ExpectWellFormed(input, found);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].text, "about 12 troops");
  EXPECT_EQ(found[0].begin, 3u);
  EXPECT_EQ(found[1].text, "$5");
  EXPECT_EQ(found[1].unit, "USD");
  EXPECT_EQ(found[2].text, "7");
}

TEST(ParseQuantities, JunkByteBreaksAUnitWord) {
  const std::string input = "12 tro\xFFops";
  const std::vector<Quantity> found = ParseQuantities(input);
  ExpectWellFormed(input, found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].text, "12 tro");
  EXPECT_EQ(found[0].unit, "tro");
}

TEST(ParseQuantities, RandomInputsNeverBreakTheInvariants) {
  const std::vector<std::string> pieces = {
      "12",      "1,000",  "3.5",       "1950",     "-",      "\u2013",  "$",       "\u20AC",
      "%",       "s",      "'s",        "one",      "two",    "thirds",  "half",    "a",
      "of",      "in",     "and",       "between",  "from",   "to",      "million", "bn",
      "m",       "about",  "more than", "the",      "1990s",  "October", "21",      "troops",
      "US",      "\xFF",   "\xC3",      "\xE2\x82", "\u00A0", ",",       ".",       ":",
      "/",       "#",      "COVID",     "dozens",   "tens",   "early",   "mid",     "per",
      "cent",    "one in", "2024",      "-10-21",   "\u2212", "500",     "\u202F",  "\u2009",
      "several", "a few",  "hundred",   "ranging",  " 000"};
  std::mt19937 random(20240601);
  for (int round = 0; round < 4000; ++round) {
    std::string input;
    if (round % 2 == 0) {
      const int length = static_cast<int>(random() % 48);
      for (int i = 0; i < length; ++i) input += static_cast<char>(random() % 256);
    } else {
      const int count = static_cast<int>(random() % 14);
      for (int i = 0; i < count; ++i) {
        input += pieces[random() % pieces.size()];
        if (random() % 3 != 0) input += ' ';
      }
    }
    SCOPED_TRACE(input);
    ExpectWellFormed(input, ParseQuantities(input));
    if (HasFatalFailure()) return;
  }
}

TEST(ParseQuantities, HugeInputIsParsedInOnePass) {
  const std::string sentence =
      "Between 1950 and 1953 the war killed millions; about 28,500 troops remain. ";
  std::string input;
  const int repeats = 40000;  // about 3 MB
  for (int i = 0; i < repeats; ++i) input += sentence;
  const std::vector<Quantity> found = ParseQuantities(input);
  ASSERT_EQ(found.size(), 3u * repeats);
  EXPECT_EQ(found.back().text, "about 28,500 troops");
  EXPECT_EQ(found.back().end, input.size() - 9);
}

// A long run of three-digit numbers joined by single spaces is not one grouped number: each
// number has a neighbour across one space, so each stays on its own, and the scan stays linear.
TEST(ParseQuantities, LongRunsOfSpacedGroupsStaySeparate) {
  for (const std::string separator : {" ", "\u00A0", "\u202F"}) {
    std::string input = "100";
    const int repeats = 100000;
    for (int i = 1; i < repeats; ++i) input += separator + "100";
    const std::vector<Quantity> found = ParseQuantities(input);
    ExpectWellFormed(input, found);
    ASSERT_EQ(found.size(), static_cast<std::size_t>(repeats));
    EXPECT_EQ(found.back().text, "100");
  }
}

TEST(ParseQuantities, PathologicalRunsDoNotBlowUp) {
  const std::size_t size = 1 << 20;
  EXPECT_TRUE(ParseQuantities(std::string(size, '7')).empty());  // one over-long digit run
  EXPECT_TRUE(ParseQuantities(std::string(size, 'a')).empty());
  EXPECT_TRUE(ParseQuantities(std::string(size, '\xFF')).empty());
  EXPECT_TRUE(ParseQuantities(std::string(size, '-')).empty());
  std::string ones;
  for (std::size_t i = 0; i < size / 4; ++i) ones += "one ";
  EXPECT_TRUE(ParseQuantities(ones).empty());
  std::string commas;
  for (std::size_t i = 0; i < size / 4; ++i) commas += "1,00";
  EXPECT_TRUE(ParseQuantities(commas).empty());
  std::string qualifiers;
  for (std::size_t i = 0; i < size / 16; ++i) qualifiers += "more than about ";
  EXPECT_TRUE(ParseQuantities(qualifiers).empty());
}

}  // namespace
}  // namespace claimledger
