# Data of more than two features: the map names its two features and says
# the others are held at their means; X and Y choose the features across
# and up, and the names follow. Two-feature data has no such row, and X
# says why it does nothing.
. "$(dirname "$0")/lib.sh"
start 120 36 -- --dataset iris
wait_ready
wait_for "x: sepal length  y: sepal width  others at means" ||
    fail "the axes are not named after iris's first two features"
keys X
wait_for "x: petal length  y: sepal width" || fail "X did not move the map across to petal length"
wait_for "map: x petal length, y sepal width" || fail "X did not say which features are shown"
keys Y
wait_for "x: petal length  y: petal width" || fail "Y did not move the map up to petal width"
keys X
wait_for "x: sepal length  y: petal width" || fail "X did not come round to sepal length"
# the points follow the features: training still runs on the new plane
keys Space
wait_re 'epoch 1[^0-9]' || fail "no training after choosing features"
has "x: sepal length  y: petal width" || fail "an epoch changed the features shown"
# a point added on this map says where on its two features
keys Tab Tab Tab
wait_re 'Decision map \(-?[0-9.]+, -?[0-9.]+\)' || fail "Tab did not reach the map"
keys 1
wait_re 'class versicolor at sepal length [0-9]+\.[0-9]{2}, petal width -?[0-9]+\.[0-9]{2} \(others at means\)' ||
    fail "adding a point did not say where on the map's features"
finish
fresh
start 120 36
wait_ready
if has "others at means"; then
    fail "two-feature data names a held feature"
fi
keys X
wait_for "this data has no other features" || fail "X on two features said nothing"
finish
