// The page code is the same for every way of loading the package: ../shared/page.js.
import "../shared/page.js";
