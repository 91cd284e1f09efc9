#include "sample.hpp"

#include <filesystem>
#include <iostream>
#include <memory>

#include "classify.hpp"
#include "common.hpp"
#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "io/file.hpp"
#include "load/manifest.hpp"
#include "report/json_text.hpp"
#include "targeting/sample.hpp"

namespace safeassess::cli {

namespace {

struct Drawn {
  std::unique_ptr<Classified> classes;
  targeting::Draw draw;
  report::DrawData data;
};

std::unique_ptr<Drawn> draw_manifest(const std::string& manifest, const std::string& encoding,
                                     const std::string& seed, const std::string& beacon, date::Day day) {
  auto out = std::make_unique<Drawn>();
  out->classes = classify_manifest(manifest, encoding_of(encoding), true);
  const auto& c = *out->classes;
  std::vector<std::size_t> colours;
  colours.reserve(c.result.rows.size());
  for (const auto& r : c.result.rows) colours.push_back(r.colour);
  targeting::DrawInput in{c.data.rules, c.data.list, &colours, &*c.basics.roster, day, seed, beacon};
  out->draw = targeting::draw(in);
  auto& d = out->data;
  d.classes = &c.data;
  d.roster = &*c.basics.roster;
  d.draw = &out->draw;
  d.version = SAFEASSESS_VERSION;
  d.manifest = manifest;
  d.seed = seed;
  d.beacon = beacon;
  d.date = day;
  d.inputs = c.basics.files;
  d.ruleset_sha256 = c.basics.rules.sha256;
  return out;
}

// Line and column of a byte offset in text, for a JSON syntax error.
Location place(const std::string& file, const std::string& text, std::size_t offset) {
  long line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return Location{file, line, column};
}

std::string record_string(const nlohmann::json& j, const char* key, const std::string& file) {
  if (!j.contains(key) || !j[key].is_string())
    throw InputError(Location{file},
                     trf("the draw record has no \"{}\" (a string); is it a record written by "
                         "safeassess sample -f json?",
                         key));
  return j[key].get<std::string>();
}

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The record's manifest: as written in it (relative to the directory the draw was made in),
// else next to the record; MANIFEST overrides both.
std::string record_manifest(const SampleOptions& o, const nlohmann::json& rec) {
  if (!o.manifest.empty()) return o.manifest;
  const std::string written = record_string(rec, "manifest", o.verify);
  if (std::filesystem::exists(written)) return written;
  const auto beside = std::filesystem::path(o.verify).parent_path() / written;
  if (std::filesystem::exists(beside)) return beside.lexically_normal().string();
  throw InputError(Location{o.verify},
                   trf("the record's manifest {} is not found from here (nor next to the record); name it: "
                       "safeassess sample --verify {} MANIFEST",
                       written, o.verify));
}

int verify(const SampleOptions& o) {
  const std::string text = io::read_file(o.verify, o.verify);
  nlohmann::json rec;
  try {
    rec = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(
        place(o.verify, text, e.byte == 0 ? 0 : e.byte - 1),
        _("not a draw record: the JSON does not parse; use the file safeassess sample -f json wrote"));
  } catch (const nlohmann::json::exception&) {
    throw InputError(Location{o.verify}, _("not a draw record: a number in it is out of range; use the file "
                                           "safeassess sample -f json wrote"));
  }
  if (!rec.is_object() || !rec.contains("record") || rec["record"] != "safeassess-draw/1")
    throw InputError(Location{o.verify}, _("not a draw record: \"record\" is not \"safeassess-draw/1\""));
  const std::string seed = record_string(rec, "seed", o.verify);
  const std::string day_text = record_string(rec, "date", o.verify);
  const std::string seed_sha256 = record_string(rec, "seed_sha256", o.verify);
  std::string beacon;
  if (rec.contains("beacon") && !rec["beacon"].is_null()) beacon = record_string(rec, "beacon", o.verify);
  if (!rec.contains("inputs") || !rec["inputs"].is_array())
    throw InputError(Location{o.verify},
                     _("the draw record has no \"inputs\" (a list); is it a record written by "
                       "safeassess sample -f json?"));
  for (std::size_t i = 0; i < rec["inputs"].size(); ++i) {
    const auto& x = rec["inputs"][i];
    if (!x.is_object() || !x.contains("role") || !x["role"].is_string() || !x.contains("path") ||
        !x["path"].is_string() || !x.contains("sha256") || !x["sha256"].is_string())
      throw InputError(Location{o.verify},
                       trf("the draw record's inputs[{}] is not {{role, path, sha256}} (three "
                           "strings)",
                           i));
  }
  const std::string manifest = record_manifest(o, rec);
  const auto day = date::parse(day_text);
  if (!day) throw InputError(Location{o.verify}, trf("the record's date: {}", date::why_not(day_text)));
  const auto again = draw_manifest(manifest, o.encoding, seed, beacon, *day);
  const nlohmann::json fresh = nlohmann::json::parse(report::json_text(report::draw_record(again->data)));
  std::vector<std::string> problems;
  if (!o.commitment.empty() && hash::sha256_hex(seed) != lower(o.commitment))
    problems.push_back(
        trf("the seed's SHA-256 is {}, not the commitment {}", hash::sha256_hex(seed), o.commitment));
  if (seed_sha256 != hash::sha256_hex(seed))
    problems.push_back(_("seed_sha256 is not the SHA-256 of the seed"));
  // Inputs: each file's hash, by role and position.
  const auto& old_inputs = rec["inputs"];
  const auto& new_inputs = fresh["inputs"];
  for (std::size_t i = 0; i < std::max(old_inputs.size(), new_inputs.size()); ++i) {
    if (i >= old_inputs.size()) {
      problems.push_back(trf("input {} ({}) is read now but not named in the record",
                             new_inputs[i]["path"].get<std::string>(),
                             new_inputs[i]["role"].get<std::string>()));
      continue;
    }
    if (i >= new_inputs.size()) {
      problems.push_back(trf("the record names input {} which the manifest no longer names",
                             old_inputs[i].value("path", std::string("?"))));
      continue;
    }
    if (old_inputs[i].value("role", std::string()) != new_inputs[i]["role"] ||
        old_inputs[i].value("sha256", std::string()) != new_inputs[i]["sha256"])
      problems.push_back(
          trf("input {} ({}) has changed: SHA-256 {} in the record, {} now",
              new_inputs[i]["path"].get<std::string>(), new_inputs[i]["role"].get<std::string>(),
              old_inputs[i].value("sha256", std::string("?")), new_inputs[i]["sha256"].get<std::string>()));
  }
  for (const char* key : {"generator", "rules", "strata", "teams", "load"})
    if (!rec.contains(key) || rec[key] != fresh[key])
      problems.push_back(trf("\"{}\" differs from the draw recomputed from the inputs", key));
  if (problems.empty()) {
    std::cout << trf("the draw record {} matches: the same inputs, seed and date give the same draw ({} "
                     "enterprises, {} inspectors)",
                     o.verify, fresh["teams"].size(), fresh["load"].size())
              << '\n';
    return code(ExitCode::Ok);
  }
  std::cout << trf("the draw record {} does NOT match:", o.verify) << '\n';
  for (const auto& p : problems) std::cout << "  " << p << '\n';
  return code(ExitCode::GateTripped);
}

}  // namespace

void setup_sample(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SampleOptions>();
  auto* sub = app.add_subcommand(
      "sample",
      _("双随机 draw: enterprises drawn per stratum (colour, industry, township) and a team of inspectors "
        "for each, within qualifications, recusals (回避) and workload limits; a pure function of the "
        "inputs and the seed, with a record anyone can verify (--verify)"));
  sub->add_option(
      "manifest", options->manifest,
      _("The manifest naming the enterprise list and the roster (with --verify: default the record's)"));
  sub->add_option("--seed", options->seed,
                  _("The seed, as announced (any text; see README \"Announcing a draw\")"))
      ->check(non_empty());
  sub->add_option(
         "--beacon", options->beacon,
         _("A public value nobody knew when the inputs were fixed (e.g. that day's lottery draw), joined "
           "to the seed; the commitment stays the seed's SHA-256"))
      ->type_name("VALUE")
      ->check(non_empty());
  sub->add_option("--date", options->date,
                  _("The day of the draw (YYYY-MM-DD): recent inspections count back from it"))
      ->type_name("DATE")
      ->check(non_empty());
  sub->add_option(
         "--verify", options->verify,
         _("Recompute the draw a record (sample -f json) describes and say whether it matches: exit 0 when "
           "it does, 1 when it does not"))
      ->type_name("RECORD")
      ->check(non_empty());
  sub->add_option(
         "--commitment", options->commitment,
         _("With --verify: the SHA-256 of the seed published before the draw, checked against the seed"))
      ->type_name("SHA256")
      ->check(non_empty());
  sub->add_flag(
      "--commit", options->commit,
      _("Print the SHA-256 of --seed (the commitment to publish before the inputs are fixed) and stop"));
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  add_encoding_option(sub, options->encoding);
  sub->footer(
      _("\nExit codes: 0 drawn (with --verify: the record matches); 1 with --verify: the record does not "
        "match; 2 invalid input or usage (an impossible draw, a file that is not a draw record).\nThe "
        "procedure (commit, fix the inputs, beacon, draw, verify): README \"Announcing a draw\".\n"));
  sub->callback([options, &exit_code] { exit_code = run_sample(*options); });
}

int run_sample(const SampleOptions& o) {
  for (const auto* v : {&o.seed, &o.beacon})
    if (v->find('\n') != std::string::npos)
      throw UsageError(_("--seed and --beacon are one line each: a line break would make two seeds one"));
  if (!o.beacon.empty() && !text::is_valid_utf8(o.beacon))
    throw UsageError(_("--beacon is not UTF-8 text: the draw record must hold it as written"));
  if (!o.seed.empty() && !text::is_valid_utf8(o.seed))
    throw UsageError(
        _("--seed is not UTF-8 text: the draw record must hold it as written; announce a seed of "
          "letters and digits"));
  if (o.commit) {
    if (o.seed.empty()) throw UsageError(_("--commit needs --seed: the commitment is the seed's SHA-256"));
    if (!o.verify.empty() || !o.manifest.empty() || !o.date.empty() || !o.format.empty() ||
        !o.output.empty() || !o.commitment.empty() || !o.beacon.empty())
      throw UsageError(_("--commit takes --seed only: it prints the seed's SHA-256 and draws nothing"));
    std::cout << hash::sha256_hex(o.seed) << '\n';
    return code(ExitCode::Ok);
  }
  if (!o.verify.empty()) {
    if (!o.seed.empty() || !o.date.empty() || !o.beacon.empty())
      throw UsageError(
          _("--verify takes its seed, beacon and date from the record; drop --seed, --beacon and --date"));
    if (!o.format.empty() || !o.output.empty())
      throw UsageError(_("--verify prints whether the record matches; drop -f and -o"));
    if (!o.commitment.empty() &&
        (o.commitment.size() != 64 ||
         o.commitment.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos))
      throw UsageError(trf("--commitment {}: expected the 64 hexadecimal digits of a SHA-256", o.commitment));
    return verify(o);
  }
  if (!o.commitment.empty()) throw UsageError(_("--commitment goes with --verify"));
  if (o.manifest.empty()) throw UsageError(_("sample needs a MANIFEST (or --verify RECORD)"));
  if (o.seed.empty()) throw UsageError(_("sample needs --seed: the announced seed the draw is made from"));
  const auto day = date_option("--date", o.date);
  if (!day) throw UsageError(_("sample needs --date: the day of the draw (YYYY-MM-DD)"));
  const auto format = report::parse_format(o.format.empty() ? "table" : o.format);
  const auto d = draw_manifest(o.manifest, o.encoding, o.seed, o.beacon, *day);
  emit(o.output, assessment::input_paths(d->classes->basics.manifest),
       [&](std::ostream& out) { report::write_draw(out, format, d->data); });
  return code(ExitCode::Ok);
}

}  // namespace safeassess::cli
