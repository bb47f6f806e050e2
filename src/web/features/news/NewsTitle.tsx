// A news item's title: a link to the article (a new tab, no referrer, not followed) when the feed
// gave one, else plain text. Titles are the feed's text, shown escaped like all text in React.
import { Anchor } from "@mantine/core";

export function NewsTitle({ item }: { item: { title: string; link: string | null } }) {
  if (!item.link) return item.title;
  return (
    <Anchor href={item.link} target="_blank" rel="noopener noreferrer nofollow">
      {item.title}
    </Anchor>
  );
}
