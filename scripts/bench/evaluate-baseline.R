#!/usr/bin/env Rscript
# R baseline for scripts/bench/evaluate.ts: the statistics of the study report on the same cohort,
# timed together (reading the CSV excluded). Usage: Rscript evaluate-baseline.R <cohort.csv> <replicates>
suppressMessages({ library(pROC); library(rms) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
B <- as.integer(args[2])
models <- grep("^M[0-9]+$", names(d), value = TRUE)
d$sex <- factor(d$sex, levels = c("F", "M")); d$hbv <- factor(d$hbv, levels = c(0, 1))
d$segment <- factor(d$segment, levels = paste0("S", 1:8))
d$echo <- match(d$echo, c("hypo", "iso", "hyper")) - 1
d$age10 <- d$age / 10; d$size10 <- d$sizeMm / 10; d$lafp <- log10(d$afp)
tr <- d[d$split == "train", ]; va <- d[d$split == "validation", ]
splits <- list(train = tr, validation = va)
wilson <- function(x, n) if (n > 0) suppressWarnings(prop.test(x, n, correct = FALSE)$conf.int) else c(NA, NA)
dca <- function(y, p) { n <- length(y); sapply(seq(0, 0.99, by = 0.01), function(t) { tp <- sum(p >= t & y == 1); fp <- sum(p >= t & y == 0); tp / n - fp / n * t / (1 - t) }) }
perf <- function(sc, sets) {   # sc: list of score columns by name; sets: list of data frames with y and the scores
  for (m in names(sc)) {
    rt <- roc(sets$train$outcome, sets$train[[m]], direction = "<", quiet = TRUE)
    th <- coords(rt, "best", best.method = "youden", ret = "threshold", transpose = TRUE)[1]
    for (s in names(sets)) {
      x <- sets[[s]]; y <- x$outcome; p <- x[[m]]
      r <- roc(y, p, direction = "<", quiet = TRUE)
      ci.auc(r, method = "bootstrap", boot.n = B, boot.stratified = TRUE, progress = "none")
      pos <- p >= th; tp <- sum(pos & y == 1); fp <- sum(pos & y == 0); tn <- sum(!pos & y == 0); fn <- sum(!pos & y == 1)
      wilson(tp + tn, length(y)); wilson(tp, tp + fn); wilson(tn, tn + fp); wilson(tp, tp + fp); wilson(tn, tn + fn)
      suppressWarnings(val.prob(p, y, pl = FALSE))
    }
  }
  for (s in names(sets)) { x <- sets[[s]]; dca(x$outcome, x[[names(sc)[1]]]); for (m in names(sc)) dca(x$outcome, x[[m]]) }
}
t <- system.time({
  # discrimination, thresholds, calibration, decision curves per model and split
  perf(setNames(models, models), splits)
  for (s in names(splits)) { x <- splits[[s]]
    rs <- lapply(models, function(m) roc(x$outcome, x[[m]], direction = "<", quiet = TRUE))
    for (i in 1:(length(models) - 1)) for (j in (i + 1):length(models)) roc.test(rs[[i]], rs[[j]], method = "delong")
  }
  # risk factors: univariable and multivariable glm with profile CIs (training split)
  preds <- c("age10", "sex", "hbv", "size10", "segment", "lafp", "echo")
  for (v in preds) { f <- glm(as.formula(paste("outcome ~", v)), family = binomial, data = tr); suppressMessages(confint(f)) }
  f <- glm(outcome ~ sex + size10, family = binomial, data = tr); suppressMessages(confint(f))
  # clinical and combined models, applied to both splits
  clin <- glm(outcome ~ age10 + sex + size10 + lafp + hbv, family = binomial, data = tr); suppressMessages(confint(clin))
  sets <- lapply(splits, function(x) { x$Clinical <- predict(clin, newdata = x, type = "response"); x })
  for (m in models) {
    tr$dl <- tr[[m]] / 0.1
    fm <- glm(outcome ~ age10 + sex + size10 + lafp + hbv + dl, family = binomial, data = tr); suppressMessages(confint(fm))
    sets <- lapply(sets, function(x) { x$dl <- x[[m]] / 0.1; x[[paste0("C", m)]] <- predict(fm, newdata = x, type = "response"); x })
  }
  comb <- c("Clinical", paste0("C", models))
  perf(setNames(comb, comb), sets)
  for (s in names(sets)) { x <- sets[[s]]; rc <- roc(x$outcome, x$Clinical, direction = "<", quiet = TRUE)
    for (m in paste0("C", models)) roc.test(roc(x$outcome, x[[m]], direction = "<", quiet = TRUE), rc, method = "delong") }
  # subgroups: sex and size band, AUC with bootstrap CI per model and split
  for (s in names(splits)) { x <- splits[[s]]
    for (g in list(x$sex == "F", x$sex == "M", x$sizeMm < 30, x$sizeMm >= 30)) for (m in models) {
      r <- roc(x$outcome[g], x[[m]][g], direction = "<", quiet = TRUE); ci.auc(r, method = "bootstrap", boot.n = B, boot.stratified = TRUE, progress = "none") } }
})
cat(sprintf("R_SECONDS=%.3f\n", t[["elapsed"]]))
