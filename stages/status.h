// Moved to common/status.h (Status is project-wide); this forwarding include keeps old includes working.
#pragma once
#include "common/status.h"  // IWYU pragma: export
