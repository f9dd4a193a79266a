/** A contest on the home page: title, status, voting period and countdown. Emits `open`. */
Component({
  properties: {
    /** A ContestCardView (utils/cards). */
    item: { type: Object, value: {} },
  },
  methods: {
    onTap() {
      const item = this.data.item as { contestId?: string };
      this.triggerEvent('open', { contestId: item.contestId });
    },
  },
});
