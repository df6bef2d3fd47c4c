// ES modules: the isolate-wide hooks V8 calls for dynamic import() and
// import.meta. The module records themselves live in internalBinding('modules')
// (js/bind_modules.cc); the policy (resolution, loading, formats) is in
// modules/internal/modules/esm/.
#ifndef SH_JS_MODULES_H
#define SH_JS_MODULES_H

#include <v8.h>

namespace shard {

// Registers the host callbacks for import() and import.meta on a new
// isolate. Called once by the Realm constructor; the callbacks find their
// JS handlers through the realm, so nothing here is process-wide.
void InitModuleCallbacks(v8::Isolate *isolate);

}  // namespace shard

#endif
