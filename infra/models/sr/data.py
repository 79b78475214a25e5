"""Builds the super-resolution training set from the photographs in Debian wallpaper packages.

Only real photographs are kept (renders and abstract art teach a model the wrong statistics),
and never the skimage photos, which are the benchmark. Each photo is halved with an
antialiasing filter, which removes the camera's demosaicing and JPEG artefacts so the result
is a clean high-resolution target, then capped in size so the set travels in a few tens of MB.

    /usr/bin/python3 infra/models/sr/data.py OUT_DIR
"""
import argparse
import os
import sys

from PIL import Image

PHOTOS = [
    # lomiri-wallpapers-16.04
    "/usr/share/backgrounds/Bridge_by_Sander_Klootwijk.jpg",
    "/usr/share/backgrounds/Dragonfly_by_Bolly.jpg",
    "/usr/share/backgrounds/Picture_0B_by_freespace.jpg",
    "/usr/share/backgrounds/Picture_1A_by_freespace.jpg",
    "/usr/share/backgrounds/Wine_by_Jakkub_Mede.jpg",
    "/usr/share/backgrounds/aitzgorri_by_Aitzol_Berasategi.jpg",
    "/usr/share/backgrounds/free_by_Peter_Nerlich.jpg",
    "/usr/share/backgrounds/friends_by_Aitzol_Berasategi.jpg",
    "/usr/share/backgrounds/greentock_by_Peter_Nerlich.jpg",
    "/usr/share/backgrounds/life_by_Aitzol_Berasategi.jpg",
    "/usr/share/backgrounds/picosdeeuropa_by_Aitzol_Berasategi.jpg",
    "/usr/share/backgrounds/seeding_by_Clements_Engelhardt.jpg",
    "/usr/share/backgrounds/sunset_by_Aitzol_Berasategi.jpg",
    # lomiri-wallpapers-20.04
    "/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg",
    # mate-backgrounds
    "/usr/share/backgrounds/mate/nature/Aqua.jpg",
    "/usr/share/backgrounds/mate/nature/Blinds.jpg",
    "/usr/share/backgrounds/mate/nature/Dune.jpg",
    "/usr/share/backgrounds/mate/nature/FreshFlower.jpg",
    "/usr/share/backgrounds/mate/nature/Garden.jpg",
    "/usr/share/backgrounds/mate/nature/GreenMeadow.jpg",
    "/usr/share/backgrounds/mate/nature/LadyBird.jpg",
    "/usr/share/backgrounds/mate/nature/RainDrops.jpg",
    "/usr/share/backgrounds/mate/nature/Storm.jpg",
    "/usr/share/backgrounds/mate/nature/TwoWings.jpg",
    "/usr/share/backgrounds/mate/nature/Wood.jpg",
    "/usr/share/backgrounds/mate/nature/YellowFlower.jpg",
    # plasma-workspace-wallpapers
    "/usr/share/wallpapers/BytheWater/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/ColdRipple/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/ColorfulCups/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/DarkestHour/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/EveningGlow/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/FallenLeaf/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/Grey/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/Kite/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/OneStandsOut/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/Path/contents/images/2560x1600.jpg",
    "/usr/share/wallpapers/summer_1am/contents/images/2560x1600.jpg",
]

MAX_SIDE = 1800


def clean_target(path: str) -> Image.Image:
    im = Image.open(path).convert("RGB")
    w, h = im.size
    factor = max(2.0, max(w, h) / MAX_SIDE)
    return im.resize((int(w / factor), int(h / factor)), Image.LANCZOS)


def name_for(path: str) -> str:
    parts = path.split("/")
    base = parts[4] if parts[3] == "wallpapers" else os.path.splitext(parts[-1])[0]
    return base.replace(" ", "_") + ".jpg"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="folder to write the training photos to")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    missing = [p for p in PHOTOS if not os.path.exists(p)]
    if missing:
        sys.exit("missing (install the wallpaper packages): " + ", ".join(missing))
    total = 0
    for p in PHOTOS:
        im = clean_target(p)
        out = os.path.join(args.out, name_for(p))
        im.save(out, quality=95, subsampling=0)
        total += os.path.getsize(out)
        print("%-28s %dx%d" % (name_for(p), im.size[0], im.size[1]))
    print("%d photos, %.1f MB in %s" % (len(PHOTOS), total / 1e6, args.out))


if __name__ == "__main__":
    main()
