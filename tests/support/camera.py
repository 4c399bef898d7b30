"""A phone's camera for the browser tests: Chromium's fake camera filming a QR code."""

# A badge held up to a phone is never still: each frame of the video tilts and shifts it a little, and the lens
# softens its edges. @zxing/library misreads some frames of a code (checksum, format or finder errors where the
# module edges fall on its sampling grid: 8 of 300 random secrets at one tilt, 13 of 202 drawn pixel-exact),
# and Chromium loops the file: a one-frame video that happens to be misread is misread for ever (this test
# failed in 2 CI runs of 6 so), where a person moves the badge and the next frame is read. Drawn so, 43 of 1,200
# frames were misread (150 random secrets, 8 poses each) and every secret was read in some of its frames.
POSES = [(-5, -6, 0), (-2, 4, 3), (1, 0, -4), (4, 5, 2), (6, -3, -2), (3, -5, 5), (0, 3, -1), (-3, 7, 4)]


def qr_video(path, text, width=640, height=480):
    """A Y4M video of `text`'s QR code held up to the camera, for Chromium's fake camera (it loops the file):
    one frame per pose of POSES (degrees of tilt, pixels across and down), 10 frames a second."""
    import segno
    from PIL import Image, ImageFilter

    matrix = segno.make_qr(text, error="m").matrix
    quiet = 4  # modules of white around the code, as printed on a badge
    code = Image.new("L", (len(matrix) + 2 * quiet,) * 2, 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                code.putpixel((x + quiet, y + quiet), 0)
    side = min(width, height) * 3 // 4
    code = code.resize((side, side), Image.Resampling.NEAREST)
    chroma = b"\x80" * (width * height // 4)
    frames = []
    for tilt, across, down in POSES:
        held = code.rotate(tilt, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
        frame = Image.new("L", (width, height), 255)
        frame.paste(held, ((width - held.width) // 2 + across, (height - held.height) // 2 + down))
        frames.append(b"FRAME\n" + frame.filter(ImageFilter.GaussianBlur(0.8)).tobytes() + chroma * 2)
    path.write_bytes(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode() + b"".join(frames))
    return path
