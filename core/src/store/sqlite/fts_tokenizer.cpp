// The tokenizer of the full-text indexes (fts_tokenizer.h).
#include "store/sqlite/fts_tokenizer.h"

#include "claimledger/error.h"

namespace claimledger {
namespace {

// FTS5's extension interface, as SQLite documents it for custom tokenizers and functions
// (sqlite.org/fts5.html, "Extending FTS5"); Debian's libsqlite3-dev ships no header for it.
// The order of the members is SQLite's ABI; only the tokenizer is used here.
struct Fts5Tokenizer;
struct Fts5TokenizerMethods {
  int (*create)(void* context, const char** arguments, int count, Fts5Tokenizer** out);
  void (*destroy)(Fts5Tokenizer* tokenizer);
  int (*tokenize)(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text, int size,
                  int (*token)(void* context, int flags, const char* token, int size, int start,
                               int end));
};
struct Fts5Api {
  int version;
  int (*create_tokenizer)(Fts5Api* api, const char* name, void* context,
                          Fts5TokenizerMethods* methods, void (*destroy)(void*));
  int (*find_tokenizer)(Fts5Api* api, const char* name, void** context,
                        Fts5TokenizerMethods* methods);
  void* create_function;
};
constexpr int kTokenizeDocument = 0x0004;  // tokenize a document being indexed
constexpr int kTokenColocated = 0x0001;    // a token at the position of the one before

}  // namespace

struct FtsTokenizer::Methods {
  Fts5TokenizerMethods calls{};
};

FtsTokenizer::FtsTokenizer(sqlite3* db) : methods_(std::make_unique<Methods>()) {
  if (!db) {
    sqlite3_open_v2(":memory:", &own_db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    db = own_db_;
  }
  Fts5Api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  void* context = nullptr;
  const char* arguments[] = {"remove_diacritics", "2"};
  Fts5Tokenizer* made = nullptr;
  if (!api || api->find_tokenizer(api, "unicode61", &context, &methods_->calls) != SQLITE_OK ||
      methods_->calls.create(context, arguments, 2, &made) != SQLITE_OK) {
    if (own_db_) sqlite3_close(own_db_);
    throw Error(Code::kStorage, "claimledger.store.io",
                "SQLite's FTS5 tokenizer unicode61 is not available");
  }
  tokenizer_ = made;
}

FtsTokenizer::~FtsTokenizer() {
  methods_->calls.destroy(static_cast<Fts5Tokenizer*>(tokenizer_));
  if (own_db_) sqlite3_close(own_db_);
}

void FtsTokenizer::Tokenize(std::string_view text, void* context, Sink sink) {
  struct State {
    void* context;
    Sink sink;
    std::int64_t position;
  } state{context, sink, -1};
  const auto token = [](void* pointer, int flags, const char* bytes, int size, int, int) {
    auto* state = static_cast<State*>(pointer);
    if (!(flags & kTokenColocated)) ++state->position;
    state->sink(state->context, std::string_view(bytes, static_cast<std::size_t>(size)),
                state->position);
    return SQLITE_OK;
  };
  methods_->calls.tokenize(static_cast<Fts5Tokenizer*>(tokenizer_), &state, kTokenizeDocument,
                           text.data(), static_cast<int>(text.size()), token);
}

}  // namespace claimledger
