package dev.secureml.operator.policy;

import java.util.List;

/**
 * An entry of {@code images.allowedPrefixes}, parsed with the image grammar: a registry, then
 * optionally repository path components, then optionally a tag or digest that pins one image.
 *
 * <ul>
 *   <li>{@code registry} or {@code registry/}: every repository of that registry;
 *   <li>{@code registry/team/}: every repository below {@code team/};
 *   <li>{@code registry/team/model}: that repository, any tag, and repositories below it;
 *   <li>{@code registry/team/model:1} or {@code ...@sha256:...}: that one image.
 * </ul>
 *
 * <p>Matching compares the parsed registry and whole path components, never strings, so
 * {@code team} does not admit {@code team-evil} and {@code team/../other} never parses.
 *
 * @param below the entry ended in '/': only repositories strictly below its path
 */
record ImagePrefix(String registry, List<String> path, boolean below, String tag,
    String digest) {

  ImagePrefix {
    path = List.copyOf(path);
  }

  /** Parses an allow-list entry; throws {@link InvalidReferenceException} saying what is wrong. */
  static ImagePrefix parse(String text) {
    String remainder = ImageReference.checkAndSplitRegistry(text, true);
    String registry = ImageReference.registry(text);
    if (remainder.isEmpty()) {
      return new ImagePrefix(registry, List.of(), true, null, null);
    }
    boolean below = remainder.endsWith("/");
    String name = below ? remainder.substring(0, remainder.length() - 1) : remainder;
    ImageReference parsed = ImageReference.name(text, registry, name);
    if (below && (parsed.tag() != null || parsed.digest() != null)) {
      throw ImageReference.invalid(text, "ends with '/' after a tag or digest");
    }
    return new ImagePrefix(registry, parsed.path(), below, parsed.tag(), parsed.digest());
  }

  /**
   * Whether the image lies inside this entry. A pinned tag admits only that tag without a
   * digest (a digest would decide what is pulled); a pinned digest admits that digest.
   */
  boolean admits(ImageReference image) {
    List<String> p = image.path();
    if (!registry.equals(image.registry()) || p.size() < path.size()
        || !p.subList(0, path.size()).equals(path)) {
      return false;
    }
    boolean exact = p.size() == path.size();
    if (below && exact) {
      return false;
    }
    if (tag != null && !(exact && tag.equals(image.tag()) && image.digest() == null)) {
      return false;
    }
    return digest == null || (exact && digest.equals(image.digest()));
  }
}
