// store/xapian_error.h: where store/ and search/ call Xapian, its exceptions become tpm::Error
// (docs/STYLE.md section 5: translate where you call the library). One helper, so every site
// says what it was doing on which index the same way.
#pragma once

#include <xapian.h>

#include <string>
#include <type_traits>
#include <utility>

#include "model/error.h"

namespace tpm::detail {

// Runs `call`; a Xapian::Error it throws becomes tpm::Error(code, "<context>: <description>").
// `context` is a string, or a function returning one when building it costs something on a
// path that runs per document.
template <typename Context, typename Call>
decltype(auto) xapian_call(ErrorCode code, Context&& context, Call&& call) {
    try {
        return std::forward<Call>(call)();
    } catch (const Xapian::Error& e) {
        std::string message;
        if constexpr (std::is_invocable_v<Context>) {
            message = context();
        } else {
            message = std::forward<Context>(context);
        }
        throw Error(code, message + ": " + e.get_description());
    }
}

}  // namespace tpm::detail
