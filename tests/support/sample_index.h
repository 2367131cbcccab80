// tests/support/sample_index.h: a small real index of hand-made questions whose right ranking
// is obvious, in a fresh temporary folder, for the search and CLI tests.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"
#include "store/index_writer.h"
#include "support/temp_dir.h"

namespace tpm::test {

inline Document make_question(int n, std::string title, std::string answer,
                              std::vector<Point> points, std::string example = "",
                              std::string why = "") {
    Document d;
    d.id = "Q" + std::to_string(n);
    d.title = std::move(title);
    d.source = "corpus/sample.txt";
    d.line = n * 10;
    d.order = n;
    d.answer = std::move(answer);
    d.points = std::move(points);
    d.example = std::move(example);
    d.why = std::move(why);
    return d;
}

inline std::vector<Document> sample_documents() {
    return {
        make_question(1, "How do you release software safely?",
                      "Safe releases limit the blast radius of a change.",
                      {{"Canary Releases", "I ship to a small subset of users first.", {}, 12},
                       {"Rollbacks", "Every deployment can be rolled back in minutes.", {}, 14},
                       {"Feature Flags", "Flags decouple deploy from release.", {}, 16}},
                      "In a past project a canary caught a memory leak before full rollout.",
                      "Release safety shows judgement about risk."),
        make_question(2, "How do you manage stakeholders with conflicting priorities?",
                      "I map stakeholders and their interests.",
                      {{"Prioritization Framework", "I score demands by business impact.", {}, 22},
                       {"Escalation Process", "Unresolved conflicts go to leadership.", {}, 24}},
                      "Marketing and security disagreed; a workshop found a compromise.",
                      "Stakeholder skills matter in a large company."),
        make_question(3, "How do you plan for a résumé review?",
                      "I read the résumé twice and note gaps.",
                      {{"Preparation", "I gather the candidate's projects.", {}, 32}}),
        make_question(4, "How do you handle a project behind schedule?",
                      "I find the root cause of the delay.",
                      {{"Develop a Recovery Plan",
                        "I create a plan, which might include:",
                        {"Reallocating resources", "Adjusting timelines"},
                        42}},
                      "We negotiated a one-week extension.", "Delivery under pressure."),
    };
}

// Writes sample_documents() into a fresh index and keeps the folder for the test's life.
class SampleIndex {
  public:
    SampleIndex() {
        IndexWriter writer(dir_.path(), {});
        for (const Document& d : sample_documents()) writer.put(d);
        writer.commit();
    }
    const std::filesystem::path& path() const { return dir_.path(); }

  private:
    TempDir dir_;
};

}  // namespace tpm::test
