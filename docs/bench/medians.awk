# Medians of key=value fields over lines (one line per run): prints "MEDIANS over N <unit>: key=median ...".
# Fields without "=" (e.g. a leading RESULT) are skipped. Usage: awk -v unit=processes -f docs/bench/medians.awk FILE
{
  for (i = 1; i <= NF; i++) {
    if (split($i, kv, "=") != 2) continue
    if (!(kv[1] in v)) order[++n] = kv[1]
    v[kv[1]] = v[kv[1]] " " kv[2]
  }
}
END {
  printf "MEDIANS over %d %s:", NR, unit
  for (j = 1; j <= n; j++) {
    k = order[j]; c = split(substr(v[k], 2), a, " ")
    for (x = 1; x <= c; x++) for (y = x + 1; y <= c; y++) if (a[y] + 0 < a[x] + 0) { t = a[x]; a[x] = a[y]; a[y] = t }
    printf " %s=%s", k, (c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2)
  }
  print ""
}
