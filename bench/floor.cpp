// tpm_bench_floor: the floor of a whole-process query (issue 6). It does only what any Xapian
// search program must do: start, open one database, parse the query (English stemmer,
// STEM_SOME, default operator OR, as Xapian's examples/simplesearch.cc), run get_mset(0, 10)
// with BM25 and print each hit's docid and rank. No excerpts, no facets, no document data.
// Links Xapian only, never the project's libraries, so it stays the floor whatever they do.
//
//   tpm_bench_floor DB QUERY
//
// Exit status as tpmsearch's: 0 hits, 1 none, 2 error.
#include <cstdio>
#include <xapian.h>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fputs("usage: tpm_bench_floor DB QUERY\n", stderr);
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        Xapian::QueryParser parser;
        parser.set_stemmer(Xapian::Stem("english"));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.set_default_op(Xapian::Query::OP_OR);
        Xapian::Enquire enquire(db);
        enquire.set_query(parser.parse_query(argv[2]));
        enquire.set_weighting_scheme(Xapian::BM25Weight());
        const Xapian::MSet mset = enquire.get_mset(0, 10);
        for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i) {
            std::printf("%u\t%u\n", *i, i.get_rank() + 1);
        }
        return mset.empty() ? 1 : 0;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "tpm_bench_floor: %s\n", e.get_description().c_str());
        return 2;
    }
}
