# A fake ICCMA solver that crashes.
echo "fake solver: segmentation fault ahead" >&2
kill -SEGV $$
