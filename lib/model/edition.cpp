#include "model/edition.hpp"

#include "core/i18n.hpp"

namespace safeassess::model {

std::string Edition::span() const {
  if (effective_from.empty()) return _("date in force not stated");
  return effective_until.empty() ? trf("in force from {}", effective_from)
                                 : trf("{} to {}", effective_from, effective_until);
}

}  // namespace safeassess::model
