# Why a role is an improvement point (isomm-report, view.rs): one sentence per role of the plan.
# $side and $from are the names of the sourcing sides (core.ftl); $level and $gap have one decimal.

reason = { $side } side: { $present ->
        [yes] { $level } now
       *[no] no answer (counted as 1.0)
    }, { $gap } below the target level { $target }.
reason-transition = The target pattern moves this role from { $from } to { $side }.
# Between the two sentences of a reason.
then = {" "}
