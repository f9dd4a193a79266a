/** An activity in a list: type, title, time, place, seats and my status. Emits `open`. */
Component({
  properties: {
    /** An ActivityCardView (utils/cards). */
    item: { type: Object, value: {} },
  },
  methods: {
    onTap() {
      const item = this.data.item as { activityId?: string };
      this.triggerEvent('open', { activityId: item.activityId });
    },
  },
});
