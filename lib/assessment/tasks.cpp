#include "assessment/tasks.hpp"

#include "io/workbook.hpp"
#include "load/tasks.hpp"

namespace safeassess::assessment {

std::optional<task::TaskBook> load_tasks(const Manifest& m, const Units& units,
                                         std::optional<io::Encoding> encoding) {
  if (!m.tasks) return std::nullopt;
  auto table = [&](const Manifest::DataRef& ref) {
    const auto path = m.dir / ref.path;
    return io::read_table(path, path.lexically_normal().string(), ref.at);
  };
  io::Table list = table(*m.tasks);
  const std::string sha256 = list.sha256;
  std::optional<task::TableText> milestones, progress;
  if (m.task_milestones) {
    io::Table t = table(*m.task_milestones);
    milestones = task::TableText{t.shown, std::move(t.text)};
  }
  if (m.task_progress) {
    io::Table t = table(*m.task_progress);
    progress = task::TableText{t.shown, std::move(t.text)};
  }
  auto book = task::read_tasks({list.shown, std::move(list.text)}, std::move(milestones), std::move(progress),
                               encoding.value_or(m.encoding), &units);
  book.sha256 = sha256;
  return book;
}

}  // namespace safeassess::assessment
