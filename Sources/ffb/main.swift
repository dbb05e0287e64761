import FFBCLI
