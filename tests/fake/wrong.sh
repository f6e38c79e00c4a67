# A fake ICCMA solver with wrong answers for tests/data/bench/chain.af (1 -> 2 -> 3).
case "$2" in
  DC-*) printf 'NO\n' ;;
  DS-*) printf 'NO\nw 1\n' ;;
  SE-*) printf 'w 2\n' ;;
esac
