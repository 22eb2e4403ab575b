// Sentences: UTF-8 text cut into its sentences, which the candidates (candidates.h) score one
// by one. Defined in candidates.cpp. Pure.
#ifndef CLAIMLEDGER_TEXT_SENTENCES_H_
#define CLAIMLEDGER_TEXT_SENTENCES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace claimledger {

// A sentence as a byte range [begin, end) of the text, without surrounding white space.
struct SentenceSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  // The speaker label of the transcript turn it is in ("HOLT" of "HOLT: Good evening."), as
  // a byte range of the text; empty when there is none.
  std::size_t speaker_begin = 0;
  std::size_t speaker_end = 0;
};

// Splits `text` into sentences, in order. A sentence ends
// - at ".", "!", "?" or "…", the Devanagari "।" or "॥", or the Arabic "؟" or "۔" (and any
//   closing quotes or brackets right after it) that is followed by white space and then not
//   by a lower-case ASCII letter;
// - at the Chinese and Japanese "。", "！" or "？" (and closing quotes or brackets), with or
//   without white space after it;
// - at a blank line (a paragraph break): so a title line without a full stop is a unit of
//   its own. A single line break is white space (wrapped text);
// - after a heading: the first line of a paragraph (at most 150 bytes, starting with no
//   lower-case letter, ending with no ". ! ? , ; : -") followed by a single line break and a
//   line at least a quarter longer that starts with no lower-case letter or digit;
// - at a speaker label at the start of a line ("HOLT: ", "Mr. Trump: ": one to four
//   capitalised words and a colon), when two lines of the text or more start with one: the
//   text is read as a transcript, each sentence of a turn carries its speaker, and the label
//   is part of no sentence;
// - at the end of the text.
// A full stop does not end a sentence inside a number ("3.5") or a word ("U.S.A"), nor
// after a title or other abbreviation that is always followed by more ("Mr.", "Dr.", "Gen.",
// "Lt.", "No.", "e.g.", "vs."). After an abbreviation that may end a sentence (months such
// as "Jan.", "Inc.", "etc.", dotted acronyms such as "U.S.") or an initial ("Kim J. Un",
// "J. R. R. Tolkien"), the sentence ends only when the next word is a common sentence
// opener ("The", "He", "It", "But", ...). Text of white space only gives no sentence.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_SENTENCES_H_
